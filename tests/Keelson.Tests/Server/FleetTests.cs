using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Tests.Simulator;

namespace Keelson.Tests.Server;

/// <summary>
/// The live fleet view end to end: the real server watching a real <c>keelson sim</c> of its own
/// (faults injected here must not reach other tests), read through the real CLI.
/// </summary>
public sealed class FleetTests : IAsyncLifetime
{
    private readonly SimulatorProcess _sim = new(Path.Combine(AppContext.BaseDirectory, "testdata", "simulator", "faults.yaml"));
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        await _sim.InitializeAsync();
        _server = await ServerProcess.StartAsync(TestDatabase.Sqlite);
        var added = await _server.CliAsync(["cluster", "add", "gamma", "--kubeconfig", _sim.Kubeconfig, "--context", "gamma"]);
        Assert.True(added.ExitCode == 0, added.ToString());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task ANodeFaultInjectedInTheCluster_ShowsInNodeListWithinSeconds_AndClearsWhenTheNodeRecovers()
    {
        await EventuallyJsonAsync(["node", "list", "-c", "gamma"], nodes => nodes.Count == 3 && nodes.All(n => n!["ready"]!.GetValue<bool>()), "3 Ready nodes", TimeSpan.FromSeconds(30));

        var injected = await Sim(["inject", "nodeDown", "-c", "gamma", "--set", "node=gamma-general-0001"]);
        var clock = Stopwatch.StartNew();
        var notReady = await EventuallyJsonAsync(["node", "list", "--not-ready"], nodes => nodes.Count == 1, "the stopped node listed as NotReady", TimeSpan.FromSeconds(20));
        var seenAfter = clock.Elapsed;
        var table = await _server.CliAsync(["node", "list", "-c", "gamma"]);

        var node = notReady.Single()!;
        Assert.Equal(("gamma", "gamma-general-0001", false), (node["cluster"]!.GetValue<string>(), node["name"]!.GetValue<string>(), node["ready"]!.GetValue<bool>()));
        Assert.Contains(node["problems"]!.AsArray(), p => p!["type"]!.GetValue<string>() == "Ready" && p["status"]!.GetValue<string>() == "Unknown");
        // Grace period 4 s in this scenario; the rest is the node controller's and the view's lag.
        Assert.True(seenAfter < TimeSpan.FromSeconds(12), $"NotReady showed after {seenAfter}");
        Assert.Matches(@"gamma\s+gamma-general-0001\s+NotReady\s+Ready\s+v1\.31\.\d+", table.Stdout);

        await Sim(["clear", "--all", "-c", "gamma"]);
        await EventuallyJsonAsync(["node", "list", "--not-ready"], nodes => nodes.Count == 0, "the node Ready again", TimeSpan.FromSeconds(20));
        Assert.StartsWith("injected ", injected.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClusterWhoseWatchBreaks_IsMarkedStaleWithTheReason_AndRecoversByItself()
    {
        await EventuallyHealthAsync(h => h["status"]!.GetValue<string>() == "ready", "the view current", TimeSpan.FromSeconds(30));

        await Sim(["inject", "apiErrors", "-c", "gamma", "--set", "code=503", "--set", "rate=1"]);
        await Sim(["inject", "watchCut", "-c", "gamma"]);
        var stale = await EventuallyHealthAsync(h => h["status"]!.GetValue<string>() == "stale", "the view stale", TimeSpan.FromSeconds(30));
        // The view may flip between stale and syncing while the faults last: wait for the table to show it stale too.
        CommandResult table = null!;
        await EventuallyAsync(async () => System.Text.RegularExpressions.Regex.IsMatch((table = await _server.CliAsync(["cluster", "health"])).Stdout, @"gamma\s+stale\s+"), () => $"the table showing gamma stale (last: {table?.Stdout})", TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var metrics = "";
        await EventuallyAsync(async () => (metrics = await http.GetStringAsync(new Uri(_server.Url, "/metrics"))).Contains("keelson_cluster_status{cluster=\"gamma\",status=\"stale\"} 1", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(metrics, @"keelson_cluster_api_errors_total\{cluster=""gamma""\} [1-9]"), () => "/metrics showing gamma stale with API errors counted (the health check counts them once a second)", TimeSpan.FromSeconds(30));

        Assert.Contains("503", stale["stale"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches(@"gamma\s+stale\s+", table.Stdout);
        Assert.Contains("keelson_cluster_status{cluster=\"gamma\",status=\"stale\"} 1", metrics, StringComparison.Ordinal);
        Assert.Matches(@"keelson_cluster_api_errors_total\{cluster=""gamma""\} [1-9]", metrics);
        Assert.Matches(@"keelson_cluster_watch_events_total\{cluster=""gamma""\} [1-9]", metrics);

        await Sim(["clear", "--all", "-c", "gamma"]);
        var recovered = await EventuallyHealthAsync(h => h["status"]!.GetValue<string>() == "ready", "the view current again", TimeSpan.FromSeconds(60));
        Assert.Null(recovered["stale"]);
        Assert.Equal(3, recovered["nodes"]!["ready"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReadyzWaitsForTheFleetsFirstSync_AndPodListFindsAnAppsPods()
    {
        using var http = new HttpClient();
        await EventuallyAsync(async () => (await http.GetAsync(new Uri(_server.Url, "/readyz"))).IsSuccessStatusCode, () => "readyz OK", TimeSpan.FromSeconds(30));
        var readyz = await http.GetStringAsync(new Uri(_server.Url, "/readyz"));
        var pods = await _server.CliAsync(["pod", "list", "--app", "no-such-app"]);
        var unknownPhase = await _server.CliAsync(["pod", "list", "--phase", "Sleeping"]);

        Assert.Contains("ok fleet: 1 cluster current", readyz, StringComparison.Ordinal);
        Assert.Equal("No resources found.", pods.Stdout.Trim());
        Assert.NotEqual(0, unknownPhase.ExitCode);
        Assert.Contains("Sleeping", unknownPhase.Stderr, StringComparison.Ordinal);
    }

    private async Task<CommandResult> Sim(string[] args)
    {
        var result = await Programs.RunAsync(Programs.Keelson, ["sim", "fault", .. args, "--kubeconfig", _sim.Kubeconfig]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private async Task<JsonArray> EventuallyJsonAsync(string[] args, Func<JsonArray, bool> condition, string what, TimeSpan timeout)
    {
        JsonArray? last = null;
        await EventuallyAsync(async () =>
        {
            var result = await _server.CliAsync([.. args, "-o", "json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            last = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
            return condition(last);
        }, () => $"{what} (last: {last?.ToJsonString()})", timeout);
        return last!;
    }

    private async Task<JsonObject> EventuallyHealthAsync(Func<JsonObject, bool> condition, string what, TimeSpan timeout)
    {
        JsonObject? last = null;
        await EventuallyAsync(async () =>
        {
            var result = await _server.CliAsync(["cluster", "health", "gamma", "-o", "json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            last = JsonNode.Parse(result.Stdout)!.AsObject();
            return condition(last);
        }, () => $"{what} (last: {last?.ToJsonString()})", timeout);
        return last!;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < timeout, $"timed out after {timeout} waiting for {what()}");
            await Task.Delay(250);
        }
    }
}
