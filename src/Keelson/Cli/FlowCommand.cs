using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary><c>keelson flow apply|list|get|plan|run</c>.</summary>
internal static class FlowCommand
{
    private static readonly Printer.Column[] Columns =
    [
        new("NAME", f => Printer.Text(f["name"])),
        new("VERSION", f => Printer.Text(f["version"])),
        new("TASKS", f => Printer.Text(f["tasks"])),
        new("PARAMS", f => f["params"] is JsonArray ps ? string.Join(",", ps.Select(p => Printer.Text(p?["name"]) + (p?["required"]?.GetValue<bool>() == true && p["default"] is null ? "" : "?"))) : ""),
        new("APPLIED BY", f => Printer.Text(f["createdBy"])),
        new("AGE", f => Printer.Age(f["createdAt"])),
        new("DESCRIPTION", f => Printer.Text(f["description"])),
    ];

    private static readonly Printer.Column[] VersionColumns =
    [
        new("VERSION", v => Printer.Text(v["version"])),
        new("APPLIED BY", v => Printer.Text(v["createdBy"])),
        new("AGE", v => Printer.Age(v["createdAt"])),
    ];

    private static readonly Printer.Column[] PlanColumns =
    [
        new("TASK", a => Printer.Text(a["task"])),
        new("ACTION", a => Printer.Text(a["verb"])),
        new("CLUSTER", a => Printer.Text(a["cluster"])),
        new("OBJECT", a => $"{Printer.Text(a["kind"])}/{(a["namespace"] is null ? "" : Printer.Text(a["namespace"]) + "/")}{Printer.Text(a["name"])}"),
        new("DETAIL", a => Printer.Text(a["detail"])),
    ];

    public static Command Create(ApiOptions api)
    {
        var files = new Option<FileInfo[]>("--filename", "-f") { Description = "A flow definition (YAML), or a directory of them (*.yaml, *.yml). Repeatable.", Required = true, Arity = ArgumentArity.OneOrMore };
        var apply = new Command("apply", """
            Apply flow definitions: each is validated (every problem is listed with its file, line,
            task and field) and stored as a new version when it changed. Runs keep the version they
            started with. Needs operator on the platform.

            Examples:
              keelson flow apply -f flows/drain-node.yaml
              keelson flow apply -f flows/
            """) { files };
        api.SetAction(apply, async s =>
        {
            var paths = Expand(s.Parse.GetValue(files) ?? []);
            var results = new JsonArray();
            foreach (var path in paths)
            {
                using var content = new StringContent(await File.ReadAllTextAsync(path, s.Cancellation));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
                var answer = await s.Api.SendAsync(HttpMethod.Post, $"api/v1/flows?source={Uri.EscapeDataString(Path.GetFileName(path))}", content, s.Cancellation);
                if (s.Format == OutputFormat.Table)
                {
                    await s.Output.WriteLineAsync(answer?["created"]?.GetValue<bool>() == true
                        ? $"flow {answer["name"]} applied: version {answer["version"]}"
                        : $"flow {answer?["name"]} unchanged (version {answer?["version"]})");
                }

                results.Add(answer?.DeepClone());
            }

            if (s.Format != OutputFormat.Table)
            {
                await s.PrintAsync(results, Columns);
            }
        });

        var list = new Command("list", "List the flows, each at its latest version (PARAMS: NAME? is optional).\n\nExamples:\n  keelson flow list\n  keelson flow list -o yaml");
        api.SetAction(list, async s => await s.PrintAsync(await s.Api.GetAsync("api/v1/flows?limit=1000", s.Cancellation), Columns));

        var getName = new Argument<string>("name") { Description = "The flow." };
        var version = new Option<int?>("--version") { Description = "A version (default: the latest)." };
        var source = new Option<bool>("--source") { Description = "Print the definition as it was applied (YAML)." };
        var get = new Command("get", "Show a flow: its parameters, tasks and versions; -o yaml prints the whole definition.\n\nExamples:\n  keelson flow get drain-node\n  keelson flow get drain-node --version 2 --source") { getName, version, source };
        api.SetAction(get, async s =>
        {
            var path = $"api/v1/flows/{Uri.EscapeDataString(s.Parse.GetValue(getName)!)}" + (s.Parse.GetValue(version) is { } v ? $"?version={v.ToString(CultureInfo.InvariantCulture)}" : "");
            var flow = await s.Api.GetAsync(path, s.Cancellation);
            if (s.Parse.GetValue(source))
            {
                await s.Output.WriteAsync(Printer.Text(flow?["source"]) is { Length: > 0 } text ? text : Kubernetes.Yaml.YamlJson.ToYaml(flow?["definition"]));
                return;
            }

            if (s.Format != OutputFormat.Table)
            {
                await s.PrintAsync(flow, Columns);
                return;
            }

            await PrintFlowAsync(s.Output, flow!);
            await s.Output.WriteLineAsync();
            await Printer.PrintAsync(s.Output, OutputFormat.Table, flow!["versions"], VersionColumns);
        });

        var planName = new Argument<string>("name") { Description = "The flow." };
        var planParams = FlowParams.Option();
        var planVersion = new Option<int?>("--version") { Description = "A version (default: the latest)." };
        var plan = new Command("plan", """
            Dry run: show what a run with these parameters would create, change, delete and evict,
            per task and per cluster, read from the clusters without changing anything.

            Examples:
              keelson flow plan drain-node -p cluster=test -p node=test-general-0002
              keelson flow plan rolling-restart -p namespace=shop -p deployment=web -p 'clusters=["test","staging"]' -o json
            """) { planName, planParams, planVersion };
        api.SetAction(plan, async s =>
        {
            var body = new JsonObject { ["params"] = FlowParams.Parse(s.Parse.GetValue(planParams)), ["version"] = s.Parse.GetValue(planVersion) };
            await PrintPlanAsync(s, await s.Api.SendAsync(HttpMethod.Post, $"api/v1/flows/{Uri.EscapeDataString(s.Parse.GetValue(planName)!)}/plan", body, s.Cancellation));
        });

        return api.Group("flow", """
            Flow definitions: durable, multi-step operations (drain a node, restart across clusters)
            written in YAML. Apply them, inspect them, plan them, run them; runs are managed with keelson run.
            """, apply, list, get, plan, RunFlowCommand(api, "run"));
    }

    /// <summary><c>keelson flow run NAME</c> (also <c>keelson run start NAME</c>).</summary>
    public static Command RunFlowCommand(ApiOptions api, string verb)
    {
        var name = new Argument<string>("name") { Description = "The flow to run." };
        var parameters = FlowParams.Option();
        var version = new Option<int?>("--version") { Description = "A version (default: the latest)." };
        var priority = new Option<int?>("--priority") { Description = "The run's priority (higher first; default: the flow's)." };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the run until it ends; exit 0 when it succeeded, 1 when it failed or was cancelled." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what it would do (the plan); start nothing." };
        var command = new Command(verb, $"""
            Start a run of a flow. Needs operator on every cluster it acts on. The run is durable: it
            survives restarts of Keelson, and each action on a cluster happens once.

            Examples:
              keelson {(verb == "start" ? "run start" : "flow run")} drain-node -p cluster=test -p node=test-general-0002 --watch
              keelson {(verb == "start" ? "run start" : "flow run")} drain-node -p cluster=test -p node=test-general-0002 --dry-run
              keelson {(verb == "start" ? "run start" : "flow run")} rolling-restart -p namespace=storefront -p deployment=web-frontend -p 'clusters=["test","staging"]'
            """) { name, parameters, version, priority, watch, dryRun };
        api.SetAction(command, async s =>
        {
            var body = new JsonObject
            {
                ["flow"] = s.Parse.GetValue(name),
                ["params"] = FlowParams.Parse(s.Parse.GetValue(parameters)),
                ["version"] = s.Parse.GetValue(version),
                ["priority"] = s.Parse.GetValue(priority),
                ["dryRun"] = s.Parse.GetValue(dryRun),
            };
            var answer = await s.Api.SendAsync(HttpMethod.Post, "api/v1/runs", body, s.Cancellation);
            if (s.Parse.GetValue(dryRun))
            {
                await PrintPlanAsync(s, answer);
                return;
            }

            var id = answer!["id"]!.GetValue<long>();
            if (s.Parse.GetValue(watch))
            {
                await s.Output.WriteLineAsync($"run {id} of {answer["flow"]} v{answer["version"]} started");
                await RunWatcher.WatchAsync(s, id);
                return;
            }

            if (s.Format == OutputFormat.Table)
            {
                await s.Output.WriteLineAsync($"run {id} of {answer["flow"]} v{answer["version"]} started; follow it with: keelson run watch {id}");
            }
            else
            {
                await s.PrintAsync(answer, RunCommand.Columns);
            }
        });
        return command;
    }

    private static async Task PrintFlowAsync(TextWriter output, JsonNode flow)
    {
        await output.WriteLineAsync($"Name:         {flow["name"]}");
        await output.WriteLineAsync($"Version:      {flow["version"]} (applied by {flow["createdBy"]}, {Printer.Age(flow["createdAt"])} ago)");
        await output.WriteLineAsync($"Description:  {Printer.Text(flow["description"])}");
        await output.WriteLineAsync("Params:");
        foreach (var p in flow["definition"]?["params"] as JsonObject ?? [])
        {
            var spec = p.Value as JsonObject;
            var type = spec is null ? Printer.Text(p.Value) : Printer.Text(spec["type"]);
            var extra = spec?["default"] is { } d ? $" (default {Printer.Text(d)})" : spec?["required"]?.GetValue<bool>() == false ? " (optional)" : "";
            await output.WriteLineAsync($"  {p.Key}: {type}{extra}{(spec?["description"] is { } desc ? $" — {Printer.Text(desc)}" : "")}");
        }

        await output.WriteLineAsync("Tasks:");
        foreach (var task in flow["definition"]?["tasks"] as JsonArray ?? [])
        {
            var needs = task?["needs"] is JsonArray n && n.Count > 0 ? $" after {string.Join(", ", n.Select(Printer.Text))}" : "";
            await output.WriteLineAsync($"  {Printer.Text(task?["name"])}: {Printer.Text(task?["uses"])}{needs}{(task?["forEach"] is { } each ? $" for each of {Printer.Text(each)}" : "")}");
        }
    }

    private static async Task PrintPlanAsync(ApiSession s, JsonNode? plan)
    {
        if (s.Format != OutputFormat.Table)
        {
            await s.PrintAsync(plan, PlanColumns);
            return;
        }

        var rows = new JsonArray();
        foreach (var task in plan?["tasks"] as JsonArray ?? [])
        {
            foreach (var action in task?["actions"] as JsonArray ?? [])
            {
                var row = action!.DeepClone().AsObject();
                row["task"] = task!["task"]?.DeepClone();
                rows.Add(row);
            }
        }

        await s.Output.WriteLineAsync($"Plan of {plan?["flow"]} v{plan?["version"]} (nothing was changed):");
        await Printer.PrintAsync(s.Output, OutputFormat.Table, rows, PlanColumns);
        foreach (var task in plan?["tasks"] as JsonArray ?? [])
        {
            if (task?["note"] is { } note)
            {
                await s.Output.WriteLineAsync($"  {task["task"]}: {Printer.Text(note)}");
            }
        }

        foreach (var cluster in plan?["clusters"] as JsonArray ?? [])
        {
            int Count(string verb) => (cluster?[verb] as JsonArray)?.Count ?? 0;
            await s.Output.WriteLineAsync($"{(cluster?["cluster"] is { } c ? $"cluster {c}" : "outside clusters")}: {Count("create")} to create, {Count("change")} to change, {Count("delete")} to delete, {Count("evict")} to evict, {Count("call")} webhook call(s)");
        }
    }

    private static List<string> Expand(IEnumerable<FileInfo> files)
    {
        var paths = new List<string>();
        foreach (var file in files)
        {
            if (Directory.Exists(file.FullName))
            {
                paths.AddRange(Directory.EnumerateFiles(file.FullName).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(file.FullName))
            {
                paths.Add(file.FullName);
            }
            else
            {
                throw new CliException(ExitCodes.BadInput, $"-f {file}: no such file or directory");
            }
        }

        return paths.Count > 0 ? paths : throw new CliException(ExitCodes.BadInput, "-f: the directory holds no *.yaml file");
    }
}
