using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary><c>keelson change create|list|get|approve|start</c>.</summary>
internal static class ChangeCommand
{
    private static readonly Printer.Column[] Columns =
    [
        new("ID", c => Printer.Text(c["id"])),
        new("STATE", c => Printer.Text(c["state"])),
        new("FLOW", c => Printer.Text(c["flow"])),
        new("CLUSTERS", c => string.Join(",", c["scope"]?["clusters"]?.AsArray().Select(Printer.Text) ?? [])),
        new("PODS", c => Printer.Text(c["blastRadius"]?["pods"])),
        new("NODES", c => Printer.Text(c["blastRadius"]?["nodes"])),
        new("INITIATOR", c => Printer.Text(c["initiator"])),
        new("AGE", c => Printer.Age(c["createdAt"])),
        new("DESCRIPTION", c => Printer.Text(c["description"])),
    ];

    public static Command Create(ApiOptions api)
    {
        var flow = new Argument<string>("flow") { Description = "The flow that carries the change out." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A parameter KEY=VALUE (repeatable; a JSON value is read as JSON)." };
        var description = new Option<string?>("--description", "-d") { Description = "What the change is for (shown to approvers)." };
        var flowVersion = new Option<int?>("--flow-version") { Description = "The flow's version (default: the latest)." };
        var create = new Command("create", """
            Ask for a change: the flow is planned, the blast radius computed and the rules evaluated. It
            starts when they allow it; otherwise it is kept blocked or awaiting approval, and the reason
            names each rule and how to satisfy it.

            Example:
              keelson change create drain-node -p cluster=prod-a -p node=node-7 -d "kernel CVE-2026-1234"
            """) { flow, parameters, description, flowVersion };
        api.SetAction(create, async s =>
        {
            var body = new JsonObject
            {
                ["flow"] = s.Parse.GetValue(flow),
                ["version"] = s.Parse.GetValue(flowVersion),
                ["params"] = Params(s.Parse.GetValue(parameters) ?? []),
                ["description"] = s.Parse.GetValue(description),
            };
            await ReportAsync(s, await s.Api.SendAsync(HttpMethod.Post, "api/v1/changes", body, s.Cancellation));
        });

        var cluster = new Option<string?>("--cluster") { Description = "Only changes touching this cluster." };
        var state = new Option<string?>("--state") { Description = "Only changes in this state: blocked, awaiting-approval, running, paused, succeeded, failed, ..." };
        var initiator = new Option<string?>("--initiator") { Description = "Only changes this user asked for." };
        var byFlow = new Option<string?>("--flow") { Description = "Only changes carried out by this flow." };
        var limit = new Option<int>("--limit") { Description = "How many (newest first).", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List changes, newest first.\n\nExamples:\n  keelson change list\n  keelson change list --cluster prod-a --state awaiting-approval") { cluster, state, initiator, byFlow, limit };
        api.SetAction(list, async s =>
        {
            var query = new List<string> { $"limit={s.Parse.GetValue(limit)}" };
            void Add(string key, string? value)
            {
                if (value is not null)
                {
                    query.Add($"{key}={Uri.EscapeDataString(value)}");
                }
            }

            Add("cluster", s.Parse.GetValue(cluster));
            Add("state", s.Parse.GetValue(state));
            Add("initiator", s.Parse.GetValue(initiator));
            Add("flow", s.Parse.GetValue(byFlow));
            await s.PrintAsync(await s.Api.GetAsync("api/v1/changes?" + string.Join("&", query), s.Cancellation), Columns);
        });

        var getId = new Argument<long>("id") { Description = "The change." };
        var get = new Command("get", "Show a change: scope, blast radius, rule verdicts, approvals, history (-o yaml adds the plan).\n\nExample:\n  keelson change get 12") { getId };
        api.SetAction(get, async s => await ReportAsync(s, await s.Api.GetAsync($"api/v1/changes/{s.Parse.GetValue(getId)}", s.Cancellation)));

        var approveId = new Argument<long>("id") { Description = "The change." };
        var reason = new Option<string>("--reason") { Description = "Why you approve (recorded and audited).", Required = true };
        var approve = new Command("approve", """
            Approve a change. You need the role its approval rules ask for on each of its clusters, and
            you cannot approve a change you initiated. The approval counts until the rule's expiry; the
            change starts once no rule holds it.

            Example:
              keelson change approve 12 --reason "reviewed the plan, CVE fix"
            """) { approveId, reason };
        api.SetAction(approve, async s => await ReportAsync(s, await s.Api.SendAsync(HttpMethod.Post,
            $"api/v1/changes/{s.Parse.GetValue(approveId)}/approve", new JsonObject { ["reason"] = s.Parse.GetValue(reason) }, s.Cancellation)));

        var startId = new Argument<long>("id") { Description = "The change." };
        var start = new Command("start", "Evaluate a held change again and start it when the rules allow it.\n\nExample:\n  keelson change start 12") { startId };
        api.SetAction(start, async s => await ReportAsync(s, await s.Api.SendAsync(HttpMethod.Post, $"api/v1/changes/{s.Parse.GetValue(startId)}/start", null, s.Cancellation)));

        return api.Group("change", "Change control: change records, approvals, history.", create, list, get, approve, start);
    }

    private static async Task ReportAsync(ApiSession s, JsonNode? change)
    {
        if (s.Format != OutputFormat.Table)
        {
            await s.PrintAsync(change);
            return;
        }

        var radius = change?["blastRadius"];
        await s.Output.WriteLineAsync($"change {change?["id"]}: {change?["state"]}{(change?["run"] is { } run ? $" (run {run})" : "")} — {change?["description"]}");
        await s.Output.WriteLineAsync($"  flow {change?["flow"]} v{change?["flowVersion"]} by {change?["initiator"]} on {string.Join(", ", change?["scope"]?["clusters"]?.AsArray().Select(Printer.Text) ?? [])}");
        await s.Output.WriteLineAsync($"  blast radius: {radius?["pods"]} pod(s), {radius?["nodes"]} node(s), {radius?["workloads"]} workload(s){(radius?["estimated"]?.GetValue<bool>() == true ? " (estimated)" : "")}");
        if (change?["reason"] is { } why)
        {
            await s.Output.WriteLineAsync($"  held: {Printer.Text(why)}");
        }

        foreach (var approval in change?["approvals"]?.AsArray() ?? [])
        {
            await s.Output.WriteLineAsync($"  approved by {approval?["approver"]} ({approval?["role"]}) until {approval?["expiresAt"]}: {approval?["reason"]}");
        }
    }

    private static JsonObject Params(IEnumerable<string> pairs)
    {
        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                throw new CliException(ExitCodes.BadInput, $"--param {pair}: write KEY=VALUE");
            }

            var text = pair[(cut + 1)..];
            JsonNode? value;
            try
            {
                value = text.Length > 0 && (text[0] is '[' or '{' or '"' || char.IsDigit(text[0]) || text is "true" or "false") ? JsonNode.Parse(text) : JsonValue.Create(text);
            }
            catch (System.Text.Json.JsonException)
            {
                value = JsonValue.Create(text);
            }

            result[pair[..cut]] = value;
        }

        return result;
    }
}
