using System.CommandLine;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Cli;

/// <summary><c>keelson audit list|verify</c>.</summary>
internal static class AuditCommand
{
    public static Command Create(ApiOptions api)
    {
        var since = new Option<string?>("--since") { Description = "Only records newer than this, e.g. 1h or 7d (default: all)." };
        var actor = new Option<string?>("--actor") { Description = "Only records of this user." };
        var target = new Option<string?>("--target") { Description = "Only records about this target, e.g. cluster/prod-a." };
        var action = new Option<string?>("--action") { Description = "Only records of this action, e.g. login or cluster.add." };
        var outcome = new Option<string?>("--outcome") { Description = "Only success, denied or failed." };
        var limit = new Option<int>("--limit") { Description = "At most this many records.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Show audit records, newest first.\n\nExamples:\n  keelson audit list --since 1h\n  keelson audit list --actor alice --outcome denied -o json")
        {
            since, actor, target, action, outcome, limit,
        };
        api.SetAction(list, async s =>
        {
            var query = new List<string> { $"limit={s.Parse.GetValue(limit)}" };
            if (s.Parse.GetValue(since) is { } text)
            {
                var span = text.EndsWith('d') && int.TryParse(text[..^1], out var days) ? TimeSpan.FromDays(days)
                    : GoDuration.TryParse(text, out var d) ? d
                    : throw new CliException(ExitCodes.BadInput, $"--since \"{text}\" is not a duration such as 30m, 1h or 7d");
                query.Add($"from={Uri.EscapeDataString((DateTimeOffset.UtcNow - span).ToString("o", System.Globalization.CultureInfo.InvariantCulture))}");
            }

            foreach (var (name, option) in new[] { ("actor", actor), ("target", target), ("action", action), ("outcome", outcome) })
            {
                if (s.Parse.GetValue(option) is { } value)
                {
                    query.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }

            await s.PrintAsync(
                await s.Api.GetAsync("api/v1/audit?" + string.Join('&', query), s.Cancellation),
                new Printer.Column("SEQ", r => Printer.Text(r["sequence"])),
                new Printer.Column("TIME", r => Printer.Text(r["time"])),
                new Printer.Column("ACTOR", r => Printer.Text(r["actor"])),
                new Printer.Column("FROM", r => Printer.Text(r["sourceIp"])),
                new Printer.Column("ACTION", r => Printer.Text(r["action"])),
                new Printer.Column("TARGET", r => Printer.Text(r["target"])),
                new Printer.Column("OUTCOME", r => Printer.Text(r["outcome"])));
        });

        var verify = new Command("verify", "Check the audit trail's hash chain: exit 0 when intact, 1 naming the first changed or removed record.\n\nExample:\n  keelson audit verify");
        api.SetAction(verify, async s =>
        {
            var result = await s.Api.SendAsync(HttpMethod.Post, "api/v1/audit/verify", null, s.Cancellation);
            if (result?["problem"] is { } problem && problem.GetValueKind() != System.Text.Json.JsonValueKind.Null)
            {
                throw new CliException(ExitCodes.Failed, $"the audit trail was tampered with: {Printer.Text(problem["message"])}");
            }

            await s.Output.WriteLineAsync($"audit trail intact: {result?["recordsChecked"]} records, head #{result?["headSequence"]} {result?["headHash"]}");
        });
        return api.Group("audit", "Read and verify the audit trail of every change and login.", list, verify);
    }
}
