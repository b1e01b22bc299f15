using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary><c>keelson rule apply|list|get</c>: the change-control rule library.</summary>
internal static class RuleCommand
{
    private static readonly Printer.Column[] Columns =
    [
        new("NAME", r => Printer.Text(r["name"])),
        new("VERSION", r => Printer.Text(r["version"])),
        new("KIND", r => Printer.Text(r["rule"]?["kind"])),
        new("CLUSTERS", r => r["rule"]?["clusters"] is { } c ? Printer.Text(c) : "<all>"),
        new("BY", r => Printer.Text(r["createdBy"])),
        new("AGE", r => Printer.Age(r["createdAt"])),
    ];

    public static Command Create(ApiOptions api)
    {
        var file = new Option<FileInfo>("--filename", "-f") { Description = "The rule file (YAML): 'rules:' and a list of rules.", Required = true };
        var apply = new Command("apply", """
            Apply a rule file: each rule that changed becomes its next version. An invalid file applies
            nothing; every problem is named by file, line, rule and field. Needs admin on the platform.

            Example:
              keelson rule apply -f rules.yaml
            """) { file };
        api.SetAction(apply, async s =>
        {
            var path = s.Parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException(ExitCodes.BadInput, $"{path.FullName}: no such file");
            }

            var text = await File.ReadAllTextAsync(path.FullName, s.Cancellation);
            var result = await s.Api.SendAsync(HttpMethod.Post, "api/v1/rules", new JsonObject { ["text"] = text, ["source"] = path.Name }, s.Cancellation);
            if (s.Format != OutputFormat.Table)
            {
                await s.PrintAsync(result);
                return;
            }

            foreach (var rule in result?["items"]?.AsArray() ?? [])
            {
                var created = rule?["created"]?.GetValue<bool>() == true;
                await s.Output.WriteLineAsync($"rule {rule?["name"]} {(created ? "applied as" : "unchanged at")} version {rule?["version"]}");
            }
        });

        var list = new Command("list", "List the rules (latest versions).\n\nExample:\n  keelson rule list");
        api.SetAction(list, async s => await s.PrintAsync(await s.Api.GetAsync("api/v1/rules", s.Cancellation), Columns));

        var name = new Argument<string>("name") { Description = "The rule." };
        var version = new Option<int?>("--version") { Description = "A version (default: the latest)." };
        var get = new Command("get", "Show a rule.\n\nExample:\n  keelson rule get black-friday -o yaml") { name, version };
        api.SetAction(get, async s =>
        {
            var query = s.Parse.GetValue(version) is { } v ? $"?version={v}" : "";
            await s.PrintAsync(await s.Api.GetAsync($"api/v1/rules/{Uri.EscapeDataString(s.Parse.GetValue(name)!)}{query}", s.Cancellation), Columns);
        });

        return api.Group("rule", "The change-control rule library: freeze windows, approvals, concurrency limits, webhooks.", apply, list, get);
    }
}
