namespace Keelson.Tests.Simulator;

/// <summary>The official Python Kubernetes client (Debian's python3-kubernetes) against a running <c>keelson sim</c>.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class PythonClientTests(SimulatorProcess sim)
{
    [Fact]
    public async Task List_WatchWithResume_Patch_AndDelete_BehaveAsOnARealCluster()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "testdata", "python", "client.py");

        var result = await Programs.RunAsync("/usr/bin/python3", [script, sim.Kubeconfig, "alpha", "python-client"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """
            namespaces: default kube-node-lease kube-public kube-system
            list: first
            watch: ADDED second, MODIFIED first
            resumed: DELETED second
            patched: patched
            after delete: first
            """,
            result.Stdout.Trim());
    }
}
