using System.Text.Json.Nodes;

namespace Keelson.Tests.Flows;

/// <summary>The flow and run commands of the real CLI against the real server and simulator.</summary>
public sealed class FlowCliTests
{
    [Fact]
    public async Task ApplyRunWatchApprove_WatchShowsProgressAndExitsZeroWhenTheRunSucceeds()
    {
        await using var bed = await FlowTestBed.StartAsync(Server.TestDatabase.Sqlite);
        var server = bed.First;
        var file = Path.Combine(AppContext.BaseDirectory, "testdata", "flows", "approve-then-touch.yaml");

        var applied = await bed.CliAsync(server, ["flow", "apply", "-f", file]);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("flow approve-then-touch applied: version 1", applied.Stdout, StringComparison.Ordinal);

        var watching = bed.CliAsync(server, ["flow", "run", "approve-then-touch", "-p", "cluster=alpha", "--watch"], TimeSpan.FromMinutes(2));
        var id = await WaitingRunAsync(bed, server);
        var approved = await bed.CliAsync(server, ["run", "approve", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "checked"]);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        var watched = await watching;

        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Contains("admin approved ask: checked", watched.Stdout, StringComparison.Ordinal);
        Assert.Contains("touch", watched.Stdout, StringComparison.Ordinal);
        Assert.Contains($"run {id} of approve-then-touch succeeded", watched.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectedApproval_WatchExitsNonZero_AndBadDefinitionsAreListedWithTheirLines()
    {
        await using var bed = await FlowTestBed.StartAsync(Server.TestDatabase.Sqlite);
        var server = bed.First;
        var bad = Path.Combine(bed.Data, "bad.yaml");
        await File.WriteAllTextAsync(bad, "name: bad\ntasks:\n  - name: a\n    uses: kube.nope\n  - name: b\n    uses: kube.cordon\n    with: {node: x}\n");
        var refused = await bed.CliAsync(server, ["flow", "apply", "-f", bad]);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("bad.yaml:4: task \"a\": uses: unknown executor \"kube.nope\"", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:7: task \"b\"", refused.Stderr, StringComparison.Ordinal);

        var applied = await bed.CliAsync(server, ["flow", "apply", "-f", Path.Combine(AppContext.BaseDirectory, "testdata", "flows", "approve-then-touch.yaml")]);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var started = await bed.CliAsync(server, ["run", "start", "approve-then-touch", "-o", "json"]);
        Assert.True(started.ExitCode == 0, started.ToString());
        var id = JsonNode.Parse(started.Stdout)!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WaitingRunAsync(bed, server);
        var rejected = await bed.CliAsync(server, ["run", "reject", id, "--reason", "not now"]);
        Assert.True(rejected.ExitCode == 0, rejected.ToString());

        var watched = await bed.CliAsync(server, ["run", "watch", id], TimeSpan.FromMinutes(1));
        Assert.True(watched.ExitCode == 1, watched.ToString());
        Assert.Contains($"run {id} failed", watched.Stderr, StringComparison.Ordinal);
        var shown = await bed.CliAsync(server, ["run", "get", id]);
        Assert.Contains("failed", shown.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The id of the run whose approval waits, once it waits.</summary>
    private static async Task<long> WaitingRunAsync(FlowTestBed bed, FlowServerNode server)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var list = await bed.CliAsync(server, ["run", "list", "-o", "json"]);
            foreach (var run in (JsonArray)JsonNode.Parse(list.Stdout)!["items"]!)
            {
                var detail = await bed.RunAsync(server, run!["id"]!.GetValue<long>());
                if (((JsonArray)detail["tasks"]!).Any(t => t!["name"]!.GetValue<string>() == "ask" && t["state"]!.GetValue<string>() == "waiting"))
                {
                    return run["id"]!.GetValue<long>();
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "no run of approve-then-touch waits for its approval");
            await Task.Delay(300);
        }
    }
}
