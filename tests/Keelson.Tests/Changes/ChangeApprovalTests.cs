using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Tests.Server;
using Keelson.Tests.Simulator;

namespace Keelson.Tests.Changes;

/// <summary>
/// A change through the real server and CLI against a simulated production cluster: held for
/// approval by a rule, not approvable by its initiator, started by another admin's approval, and
/// carried out on the cluster.
/// </summary>
public sealed class ChangeApprovalTests : IAsyncLifetime
{
    private readonly SimulatorProcess _sim = new(Path.Combine(AppContext.BaseDirectory, "testdata", "simulator", "faults.yaml"));
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        await _sim.InitializeAsync();
        _server = await ServerProcess.StartAsync(TestDatabase.Sqlite);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task AProductionChange_WaitsForAnotherAdminsApproval_ThenCordonsTheNode()
    {
        var files = Directory.CreateDirectory(Path.Combine(_server.Data, "change-files")).FullName;
        var flow = Path.Combine(files, "cordon-node.yaml");
        await File.WriteAllTextAsync(flow, """
            name: cordon-node
            params:
              cluster: {type: string}
              node: {type: string}
            tasks:
              - name: cordon
                uses: kube.cordon
                with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}"}
            """);
        var rules = Path.Combine(files, "rules.yaml");
        await File.WriteAllTextAsync(rules, """
            rules:
              - {name: production, kind: approval, clusters: "env=production", role: admin, approvals: 1, expiresAfter: 4h}
            """);
        await Cli(["cluster", "add", "gamma", "--kubeconfig", _sim.Kubeconfig, "--context", "gamma", "--tag", "env=production"]);
        await Cli(["flow", "apply", "-f", flow]);
        await Cli(["rule", "apply", "-f", rules]);
        var bob = Path.Combine(_server.Data, "bob-config");
        await File.WriteAllTextAsync(bob, new JsonObject { ["server"] = _server.Url.ToString(), ["token"] = await _server.UserTokenAsync("bob", "admin") }.ToJsonString());

        // The blast radius comes from the server's live fleet view once it has the cluster.
        var synced = Stopwatch.StartNew();
        while (JsonNode.Parse((await Cli(["node", "list", "-c", "gamma", "-o", "json"])).Stdout)!["items"]!.AsArray().Count == 0)
        {
            Assert.True(synced.Elapsed < TimeSpan.FromSeconds(60), "the fleet view never showed cluster gamma's nodes");
            await Task.Delay(250);
        }

        var created = JsonNode.Parse((await Cli(["change", "create", "cordon-node", "-p", "cluster=gamma", "-p", "node=gamma-general-0002", "-d", "kernel update", "-o", "json"])).Stdout)!;
        var id = created["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var self = await _server.CliAsync(["change", "approve", id, "--reason", "looks fine to me"]);
        var approved = await _server.CliAsync(["change", "approve", id, "--reason", "reviewed the plan", "-o", "json"], config: bob);

        Assert.Equal("awaiting-approval", created["state"]!.GetValue<string>());
        Assert.Contains("production", created["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["gamma"], created["scope"]!["clusters"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["gamma/gamma-general-0002"], created["scope"]!["nodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal((1, 1, false), (created["blastRadius"]!["clusters"]!.GetValue<int>(), created["blastRadius"]!["nodes"]!.GetValue<int>(), created["blastRadius"]!["estimated"]!.GetValue<bool>()));
        Assert.NotEqual(0, self.ExitCode);
        Assert.Contains("initiat", self.Stderr, StringComparison.Ordinal);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var node = JsonNode.Parse((await Cli(["node", "list", "-c", "gamma", "--cordoned", "-o", "json"])).Stdout)!["items"]!.AsArray();
            if (node.Count == 1)
            {
                Assert.Equal("gamma-general-0002", node[0]!["name"]!.GetValue<string>());
                break;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the approved change never cordoned the node");
            await Task.Delay(250);
        }

        var shown = JsonNode.Parse((await Cli(["change", "get", id, "-o", "json"])).Stdout)!;
        var approval = Assert.Single(shown["approvals"]!.AsArray())!;
        Assert.Contains("bob", approval.ToJsonString(), StringComparison.Ordinal);
        Assert.True(shown["run"] is not null, shown.ToJsonString());
    }

    private async Task<CommandResult> Cli(string[] args)
    {
        var result = await _server.CliAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
