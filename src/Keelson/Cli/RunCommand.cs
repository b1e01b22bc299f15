using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary><c>keelson run start|list|get|watch|pause|resume|cancel|retry|skip|resume-from|approve|reject</c>.</summary>
internal static class RunCommand
{
    public static readonly Printer.Column[] Columns =
    [
        new("ID", r => Printer.Text(r["id"])),
        new("FLOW", r => $"{Printer.Text(r["flow"])} v{Printer.Text(r["version"])}"),
        new("STATE", r => Printer.Text(r["state"])),
        new("STARTED BY", r => Printer.Text(r["createdBy"])),
        new("AGE", r => Printer.Age(r["createdAt"])),
        new("ELAPSED", r => RunWatcher.Elapsed(r["startedAt"], r["finishedAt"])),
        new("REASON", r => Printer.Text(r["reason"])),
    ];

    public static Command Create(ApiOptions api)
    {
        var flow = new Option<string?>("--flow") { Description = "Only runs of this flow." };
        var state = new Option<string?>("--state") { Description = "Only runs in this state: pending, running, paused, braked, succeeded, failed, cancelled." };
        var limit = new Option<int>("--limit") { Description = "How many at most (newest first).", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List runs you may view, newest first.\n\nExamples:\n  keelson run list\n  keelson run list --flow drain-node --state failed") { flow, state, limit };
        api.SetAction(list, async s =>
        {
            var query = $"?limit={s.Parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)}"
                + (s.Parse.GetValue(flow) is { } f ? $"&flow={Uri.EscapeDataString(f)}" : "")
                + (s.Parse.GetValue(state) is { } st ? $"&state={Uri.EscapeDataString(st)}" : "");
            await s.PrintAsync(await s.Api.GetAsync("api/v1/runs" + query, s.Cancellation), Columns);
        });

        var getId = Id();
        var get = new Command("get", "Show a run and its tasks (state, attempts, elapsed, what each waits for or why it failed); -o yaml adds inputs and outputs.\n\nExample:\n  keelson run get 12") { getId };
        api.SetAction(get, async s =>
        {
            var run = await s.Api.GetAsync($"api/v1/runs/{s.Parse.GetValue(getId)}", s.Cancellation);
            if (s.Format != OutputFormat.Table)
            {
                await s.PrintAsync(run, Columns);
                return;
            }

            await RunWatcher.PrintRunAsync(s.Output, run!);
        });

        var watchId = Id();
        var watch = new Command("watch", """
            Follow a run live: each step as it happens (tasks starting, waiting and why, succeeding,
            failing), then its tasks with their state and elapsed time. Exits 0 when the run succeeded,
            1 when it failed or was cancelled. Survives a restart of the server (it reconnects).

            Example:
              keelson run watch 12
            """) { watchId };
        api.SetAction(watch, async s => await RunWatcher.WatchAsync(s, s.Parse.GetValue(watchId)));

        return api.Group("run", """
            Runs of flows: start, follow, and steer them (pause, resume, cancel, retry or skip a task,
            resume from a task, approve or reject an approval). Every command is audited with its reason.
            """,
            FlowCommand.RunFlowCommand(api, "start"), list, get, watch,
            Control(api, "pause", "Pause a run: running tasks finish, no new task starts.", "keelson run pause 12 --reason \"incident INC-42\"", task: TaskArity.None),
            Control(api, "resume", "Resume a paused (or braked) run.", "keelson run resume 12", task: TaskArity.None),
            Control(api, "cancel", "Cancel a run: running tasks are cancelled and nothing else starts.", "keelson run cancel 12 --reason \"wrong node\"", task: TaskArity.None),
            Control(api, "retry", "Run a failed task again (a new attempt).", "keelson run retry 12 drain", task: TaskArity.Required),
            Control(api, "skip", "Mark a task skipped so the tasks after it go on; needs --reason.", "keelson run skip 12 drain --reason \"node already empty, checked by hand\"", task: TaskArity.Required),
            Control(api, "resume-from", "Run a task and every task after it again.", "keelson run resume-from 12 drain", task: TaskArity.Required),
            Control(api, "approve", "Approve the run's waiting approval (name the task when several wait).", "keelson run approve 12 --reason \"checked staging\"", task: TaskArity.Optional),
            Control(api, "reject", "Reject the run's waiting approval: it fails, and so does the run unless the flow says otherwise.", "keelson run reject 12 --reason \"not during the sale\"", task: TaskArity.Optional));
    }

    private enum TaskArity
    {
        None,
        Optional,
        Required,
    }

    private static Argument<long> Id() => new("id") { Description = "The run's id (keelson run list shows them)." };

    private static Command Control(ApiOptions api, string verb, string description, string example, TaskArity task)
    {
        var id = Id();
        var taskName = new Argument<string?>("task")
        {
            Description = task == TaskArity.Required ? "The task." : "The approval task (when several wait).",
            Arity = task == TaskArity.Required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var item = new Option<int?>("--item") { Description = "Only this element of a forEach task (its position, from 0)." };
        var reason = new Option<string?>("--reason") { Description = "Why; kept in the audit log and the run's history.", Required = verb == "skip" };
        var command = new Command(verb, $"{description}\n\nExample:\n  {example}") { id, reason };
        if (task != TaskArity.None)
        {
            command.Arguments.Add(taskName);
            command.Options.Add(item);
        }

        api.SetAction(command, async s =>
        {
            var runId = s.Parse.GetValue(id);
            var body = new JsonObject
            {
                ["reason"] = s.Parse.GetValue(reason),
                ["task"] = task == TaskArity.None ? null : s.Parse.GetValue(taskName),
                ["item"] = task == TaskArity.None ? null : s.Parse.GetValue(item),
            };
            var result = await s.Api.SendAsync(HttpMethod.Post, $"api/v1/runs/{runId.ToString(CultureInfo.InvariantCulture)}/{verb}", body, s.Cancellation);
            if (s.Format != OutputFormat.Table)
            {
                await s.PrintAsync(result, Columns);
                return;
            }

            var outcome = Printer.Text(result?["outcome"]);
            var message = Printer.Text(result?["message"]);
            await s.Output.WriteLineAsync(outcome == "queued"
                ? $"run {runId}: {verb} recorded, not applied yet: {message}"
                : $"run {runId}: {verb} done{(message.Length > 0 ? $": {message}" : "")} (run is {Printer.Text(result?["run"]?["state"])})");
        });
        return command;
    }
}
