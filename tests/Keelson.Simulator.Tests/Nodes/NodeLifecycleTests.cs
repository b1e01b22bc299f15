using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Faults;

namespace Keelson.Simulator.Tests.Nodes;

public sealed class NodeLifecycleTests
{
    private const string TwoNodes = """- {name: pool, count: 2, cpu: "8", memory: 16Gi, zones: [z1]}""";
    private const string Down = "c1-pool-0000";
    private const string Up = "c1-pool-0001";

    [Fact]
    public async Task Kubelet_RenewsItsNodeLease()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);
        var leases = cluster.Client.Resource<Lease>("kube-node-lease");
        var first = (await leases.GetAsync(Down)).Spec!.RenewTime;

        var renewed = await Eventually.Until(() => leases.GetAsync(Down), l => l.Spec!.RenewTime > first, "a renewed lease");

        Assert.Equal(Down, renewed.Spec!.HolderIdentity);
        Assert.Equal(40, renewed.Spec.LeaseDurationSeconds);
    }

    [Fact]
    public async Task CutOffNode_BecomesUnknownAndTaintedAndItsPodsNotReady()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);
        await cluster.Pods().CreateAsync(PinnedTo("stuck", Down));
        await cluster.WaitForPodAsync("stuck", IsReady, "Ready");

        cluster.Context.Faults.SetNodeDown(Down, true);

        var node = await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => HasTaint(n, "node.kubernetes.io/unreachable", "NoExecute"), "the unreachable NoExecute taint");
        Assert.True(HasTaint(node, "node.kubernetes.io/unreachable", "NoSchedule"));
        Assert.NotNull(node.Spec!.Taints!.Single(t => t.Effect == "NoExecute").TimeAdded);
        var conditions = node.Status!.Conditions!;
        Assert.All(conditions, c => Assert.Equal(
            ("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."),
            (c.Status, c.Reason, c.Message)));
        var pod = await cluster.WaitForPodAsync("stuck", p => p.Status!.Conditions!.Any(c => c.Type == "Ready" && c.Status == "False"), "Ready=False");
        Assert.Equal("Running", pod.Status!.Phase);
        var podEvent = await cluster.WaitForEventAsync("stuck", "NodeNotReady");
        Assert.Equal(("Warning", "Node is not ready"), (podEvent.Type, podEvent.Message));
        var nodeEvent = await cluster.WaitForEventAsync(Down, "NodeNotReady");
        Assert.Equal($"Node {Down} status is now: NodeNotReady", nodeEvent.Message);
        Assert.False(HasTaint(await cluster.Nodes.GetAsync(Up), "node.kubernetes.io/unreachable", "NoSchedule"));
        var logs = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Pods().GetLogsAsync("stuck"));
        Assert.Equal(500, logs.StatusCode);
        Assert.EndsWith(":10250: i/o timeout", logs.Status.Message, StringComparison.Ordinal);
        Assert.Null(await cluster.Client.Resource<NodeMetrics>().GetOrNullAsync(Down));
    }

    [Fact]
    public async Task PodsOfADeadNode_AreEvictedAfterTheirTolerationAndReplacementsLandElsewhere()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes, timing: "defaultTolerationSeconds: 1");
        await cluster.Pods().CreateAsync(PinnedTo("victim", Down));
        var before = await cluster.WaitForPodAsync("victim", IsReady, "Ready");
        Assert.Equal(1, before.Spec!.Tolerations!.Single(t => t.Key == "node.kubernetes.io/unreachable").TolerationSeconds);

        cluster.Context.Faults.SetNodeDown(Down, true);

        var evicted = await cluster.WaitForPodAsync("victim", p => p.Metadata.DeletionTimestamp is not null, "a deletion");
        var disruption = evicted.Status!.Conditions!.Single(c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"), (disruption.Status, disruption.Reason, disruption.Message));
        var marking = await cluster.WaitForEventAsync("victim", "TaintManagerEviction");
        Assert.Equal("Marking for deletion Pod default/victim", marking.Message);
        Assert.True(marking.LastTimestamp >= (await cluster.Nodes.GetAsync(Down)).Spec!.Taints!.Single(t => t.Effect == "NoExecute").TimeAdded!.Value.AddSeconds(1));

        for (var i = 0; i < 3; i++)
        {
            await cluster.Pods().CreateAsync(Manifests.Pod($"replacement-{i}"));
            var replacement = await cluster.WaitForPodAsync($"replacement-{i}", IsReady, "Ready");
            Assert.Equal(Up, replacement.Spec!.NodeName);
        }

        // The dead node's kubelet cannot confirm the deletion: the pod stays Terminating, as on a real cluster.
        Assert.NotNull(await cluster.Pods().GetOrNullAsync("victim"));
    }

    [Fact]
    public async Task NodeThatComesBack_LosesItsTaintsAndItsPodsAreReadyAgain()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);
        await cluster.Pods().CreateAsync(PinnedTo("survivor", Down));
        await cluster.WaitForPodAsync("survivor", IsReady, "Ready");
        cluster.Context.Faults.SetNodeDown(Down, true);
        await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => HasTaint(n, "node.kubernetes.io/unreachable", "NoExecute"), "the unreachable taint");
        await cluster.WaitForPodAsync("survivor", p => !IsReady(p), "Ready=False");

        cluster.Context.Faults.SetNodeDown(Down, false);

        var node = await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => n.Spec!.Taints is null or { Count: 0 }, "no taints");
        Assert.Equal(("True", "KubeletReady"), (node.Status!.Conditions!.Single(c => c.Type == "Ready").Status, node.Status.Conditions!.Single(c => c.Type == "Ready").Reason));
        var pod = await cluster.WaitForPodAsync("survivor", IsReady, "Ready again");
        Assert.Null(pod.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task MemoryPressure_TaintsTheNodeNoScheduleUntilItClears()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);
        var faults = cluster.Context.Faults;

        faults.SetNodeCondition(Down, "MemoryPressure", new NodeConditionFault("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available"));

        var node = await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => HasTaint(n, "node.kubernetes.io/memory-pressure", "NoSchedule"), "the memory-pressure taint");
        var condition = node.Status!.Conditions!.Single(c => c.Type == "MemoryPressure");
        Assert.Equal(("True", "KubeletHasInsufficientMemory"), (condition.Status, condition.Reason));
        Assert.DoesNotContain(node.Spec!.Taints!, t => t.Effect == "NoExecute");
        var pressure = await cluster.WaitForEventAsync(Down, "NodeHasInsufficientMemory");
        Assert.Equal($"Node {Down} status is now: NodeHasInsufficientMemory", pressure.Message);

        faults.SetNodeCondition(Down, "MemoryPressure", null);

        await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => n.Spec!.Taints is null or { Count: 0 }, "the taint removed");
    }

    [Fact]
    public async Task KubeletReportingNotReady_GetsNotReadyTaints()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);
        const string Expired = "container runtime network not ready: certificate has expired or is not yet valid";

        cluster.Context.Faults.SetNodeCondition(Down, "Ready", new NodeConditionFault("Ready", "False", "KubeletNotReady", Expired));

        var node = await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => HasTaint(n, "node.kubernetes.io/not-ready", "NoExecute"), "the not-ready taint");
        Assert.True(HasTaint(node, "node.kubernetes.io/not-ready", "NoSchedule"));
        var ready = node.Status!.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "KubeletNotReady", Expired), (ready.Status, ready.Reason, ready.Message));
    }

    [Fact]
    public async Task WhenEveryNodeIsDown_NoNodeGetsANoExecuteTaint()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);

        cluster.Context.Faults.SetZonePartitioned("z1", true);

        foreach (var name in new[] { Down, Up })
        {
            var node = await Eventually.Until(() => cluster.Nodes.GetAsync(name), n => HasTaint(n, "node.kubernetes.io/unreachable", "NoSchedule"), "the unreachable NoSchedule taint");
            Assert.DoesNotContain(node.Spec!.Taints!, t => t.Effect == "NoExecute");
        }
    }

    [Fact]
    public async Task NoExecuteTaint_EvictsPodsThatDoNotTolerateItAndSparesThoseThatDo()
    {
        await using var cluster = await TestFleet.StartAsync("""- {name: pool, count: 1, cpu: "8", memory: 16Gi}""");
        await cluster.Pods().CreateAsync(Manifests.Pod("intolerant"));
        await cluster.Pods().CreateAsync(Manifests.Pod("tolerant", configure: p =>
            p.Spec!.Tolerations = [new Toleration { Key = "maintenance", Operator = "Exists", Effect = "NoExecute" }]));
        await cluster.WaitForPodAsync("intolerant", IsReady, "Ready");
        await cluster.WaitForPodAsync("tolerant", IsReady, "Ready");

        await cluster.Nodes.PatchAsync("c1-pool-0000", Patch.Merge(new { spec = new { taints = new[] { new { key = "maintenance", effect = "NoExecute" } } } }));

        await Eventually.Until(() => cluster.Pods().GetOrNullAsync("intolerant"), p => p is null, "the intolerant pod gone");
        var killing = await cluster.WaitForEventAsync("intolerant", "Killing");
        Assert.Equal("Stopping container main", killing.Message);
        Assert.Null((await cluster.Pods().GetAsync("tolerant")).Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task NodeProblem_IsReportedAndThenClearedAsNodeProblemDetectorReportsIt()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes);
        var faults = cluster.Context.Faults;

        faults.SetNodeCondition(Down, "KernelDeadlock", new NodeConditionFault("KernelDeadlock", "True", "DockerHung", "kernel: INFO: task docker:20744 blocked for more than 120 seconds."));

        var node = await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => n.Status!.Conditions!.Any(c => c.Type == "KernelDeadlock"), "a KernelDeadlock condition");
        Assert.Equal(("True", "DockerHung"), (node.Status!.Conditions!.Single(c => c.Type == "KernelDeadlock").Status, node.Status.Conditions!.Single(c => c.Type == "KernelDeadlock").Reason));
        Assert.Equal("True", node.Status.Conditions!.Single(c => c.Type == "Ready").Status);

        faults.SetNodeCondition(Down, "KernelDeadlock", null);

        node = await Eventually.Until(() => cluster.Nodes.GetAsync(Down), n => n.Status!.Conditions!.Single(c => c.Type == "KernelDeadlock").Status == "False", "the problem cleared");
        Assert.Equal(("KernelHasNoDeadlock", "kernel has no deadlock"), (node.Status!.Conditions!.Single(c => c.Type == "KernelDeadlock").Reason, node.Status.Conditions!.Single(c => c.Type == "KernelDeadlock").Message));
    }

    [Fact]
    public async Task UnchangedNodeStatus_IsStillReportedAtTheStatusReportFrequency()
    {
        await using var cluster = await TestFleet.StartAsync(TwoNodes, timing: "nodeStatusReport: 1s");
        var first = (await cluster.Nodes.GetAsync(Down)).Status!.Conditions!.Single(c => c.Type == "Ready");

        var later = await Eventually.Until(
            async () => (await cluster.Nodes.GetAsync(Down)).Status!.Conditions!.Single(c => c.Type == "Ready"),
            c => c.LastHeartbeatTime > first.LastHeartbeatTime,
            "a newer heartbeat");

        Assert.Equal(first.LastTransitionTime, later.LastTransitionTime);
    }

    private static Pod PinnedTo(string name, string node) =>
        Manifests.Pod(name, configure: p => p.Spec!.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node });

    private static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static bool HasTaint(Node node, string key, string effect) => node.Spec?.Taints?.Any(t => t.Key == key && t.Effect == effect) == true;
}
