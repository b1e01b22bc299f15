using Keelson.Tests.Server;

namespace Keelson.Tests.Guardrails;

/// <summary><c>keelson brake</c>, <c>keelson budget</c> and <c>keelson circuit</c> against the real server.</summary>
public sealed class GuardrailCliTests
{
    [Fact]
    public async Task Brake_OnStatusOff_IsOneCommandEach_AndAudited()
    {
        await using var server = await ServerProcess.StartAsync(TestDatabase.Sqlite);

        var on = await server.CliAsync(["brake", "on", "--reason", "incident 4711"]);
        var again = await server.CliAsync(["brake", "on", "--reason", "twice"]);
        var status = await server.CliAsync(["brake", "status"]);
        var off = await server.CliAsync(["brake", "off", "--reason", "rolled back"]);
        var after = await server.CliAsync(["brake", "status"]);
        var audit = await server.CliAsync(["audit", "list", "--target", "brake/fleet"]);

        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Contains("emergency brake ON", on.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already on", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("emergency brake: ON since", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("incident 4711", status.Stdout, StringComparison.Ordinal);
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains("emergency brake: off", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("guardrails.brake.off", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains("guardrails.brake.on", audit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_SetListReset_AndCircuitReset_WorkFromTheCli()
    {
        await using var server = await ServerProcess.StartAsync(TestDatabase.Sqlite);

        var set = await server.CliAsync(["budget", "set", "evict", "Pod", "--window", "1m", "--limit", "20"]);
        var bad = await server.CliAsync(["budget", "set", "evict", "Pod", "--window", "2m", "--limit", "20"]);
        var list = await server.CliAsync(["budget", "list"]);
        var reset = await server.CliAsync(["budget", "reset", "evict", "Pod", "--window", "1m"]);
        var circuit = await server.CliAsync(["circuit", "reset", "cluster/none"]);
        var circuits = await server.CliAsync(["circuit", "list"]);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("budget evict Pod per cluster over 1m: limit 20", set.Stdout, StringComparison.Ordinal);
        Assert.Contains("window \"2m\" is not one budgets count over; use one of 1m, 5m, 1h, 24h", bad.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"evict\s+Pod\s+cluster\s+1m\s+20\s.*set by admin", list.Stdout);
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("circuit cluster/none is not open", circuit.Stderr, StringComparison.Ordinal);
        Assert.Contains("No resources found.", circuits.Stdout, StringComparison.Ordinal);
    }
}
