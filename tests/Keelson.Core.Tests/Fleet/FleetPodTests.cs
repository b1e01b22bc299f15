using Keelson.Core.Fleet;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Tests.Fleet;

public sealed class FleetPodTests
{
    [Theory]
    [InlineData("running.json", "Running", true, 0)]
    [InlineData("crash-loop.json", "CrashLoopBackOff", false, 7)]
    [InlineData("init-image-pull.json", "Init:ImagePullBackOff", false, 0)]
    [InlineData("evicted.json", "Evicted", false, 0)]
    [InlineData("terminating.json", "Terminating", true, 0)]
    [InlineData("oom-killed.json", "OOMKilled", false, 1)]
    [InlineData("completed-with-sidecar-running.json", "Running", true, 0)]
    public void From_APod_ShowsTheStatusKubectlShows(string file, string status, bool ready, int restarts)
    {
        var pod = FleetPod.From("c1", Read(file), new StringPool());

        Assert.Equal((status, ready, restarts), (pod.Status, pod.Ready, pod.Restarts));
    }

    [Theory]
    [InlineData("running.json", WorkloadKind.Deployment, "web")]
    [InlineData("bare-replicaset.json", WorkloadKind.ReplicaSet, "legacy-7f9c")]
    [InlineData("statefulset.json", WorkloadKind.StatefulSet, "db")]
    [InlineData("evicted.json", null, null)]
    public void From_APod_NamesTheWorkloadThatControlsIt(string file, WorkloadKind? kind, string? workload)
    {
        var pod = FleetPod.From("c1", Read(file), new StringPool());

        Assert.Equal((kind, workload), (pod.WorkloadKind, pod.Workload));
    }

    [Fact]
    public void From_PodsOfOneApp_ShareTheirRepeatedStrings()
    {
        var strings = new StringPool();

        var a = FleetPod.From("c1", Read("running.json"), strings);
        var b = FleetPod.From("c1", Read("running.json"), strings);

        Assert.Same(a.Namespace, b.Namespace);
        Assert.Same(a.App, b.App);
        Assert.Same(a.Node, b.Node);
        Assert.Same(a.Workload, b.Workload);
        Assert.Same(a.Status, b.Status);
    }

    private static Pod Read(string file) =>
        KubernetesJson.Deserialize<Pod>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "fleet", "pods", file)));
}
