using Keelson.Tests.Server;

namespace Keelson.Tests.Changes;

/// <summary>The rule library and change history through the real executable and server, on SQLite and PostgreSQL.</summary>
public sealed class RuleCliTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task RuleApply_ValidatesVersionsAndLists(string engine)
    {
        await using var server = await ServerProcess.StartAsync(engine);
        var directory = Path.Combine(server.Data, "rules");
        Directory.CreateDirectory(directory);
        var bad = Path.Combine(directory, "bad-rules.yaml");
        await File.WriteAllTextAsync(bad, """
            rules:
              - name: black-friday
                kind: freeze
                timeZone: Europe/Berlinn
                windows: [{from: 2026-11-27T00:00, to: 2026-11-30T00:00}]
            """);
        var good = Path.Combine(directory, "rules.yaml");
        await File.WriteAllTextAsync(good, """
            rules:
              - name: black-friday
                kind: freeze
                timeZone: Europe/Berlin
                windows: [{from: 2026-11-27T00:00, to: 2026-11-30T00:00}]
              - {name: one-at-a-time, kind: concurrency, limit: 1}
            """);

        var refused = await server.CliAsync(["rule", "apply", "-f", bad]);
        var applied = await server.CliAsync(["rule", "apply", "-f", good]);
        var again = await server.CliAsync(["rule", "apply", "-f", good]);
        var listed = await server.CliAsync(["rule", "list"]);
        var shown = await server.CliAsync(["rule", "get", "black-friday", "-o", "json"]);
        var changes = await server.CliAsync(["change", "list"]);
        var missing = await server.CliAsync(["change", "get", "99"]);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("bad-rules.yaml:4: rule \"black-friday\": timeZone: \"Europe/Berlinn\" is not an IANA time zone", refused.Stderr, StringComparison.Ordinal);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("rule black-friday applied as version 1", applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("rule black-friday unchanged at version 1", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("one-at-a-time", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"timeZone\": \"Europe/Berlin\"", shown.Stdout, StringComparison.Ordinal);
        Assert.True(changes.ExitCode == 0, changes.ToString());
        Assert.Contains("No resources found.", changes.Stdout, StringComparison.Ordinal);
        Assert.Contains("no change has id 99", missing.Stderr, StringComparison.Ordinal);
    }
}
