using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests.Controllers.DaemonSets;

public sealed class DaemonSetControllerTests
{
    private const string Pools = """
        - {name: general, count: 2}
        - {name: gpu, count: 1, taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
        """;

    [Fact]
    public async Task DaemonSet_CoversEveryNodeButTheTaintedOneUntilItIsTolerated()
    {
        await using var fleet = await TestFleet.StartAsync(Pools);
        var set = await Sets(fleet).CreateAsync(Manifests.FromYaml<DaemonSet>(Agent()));

        var status = await WaitForStatusAsync(fleet, s => s.DesiredNumberScheduled == 2 && s.NumberAvailable == 2);
        Assert.Equal((2, 0, 2, 2, 1L), (status.CurrentNumberScheduled, status.NumberMisscheduled, status.UpdatedNumberScheduled, status.NumberReady, status.ObservedGeneration));
        var pods = await fleet.ListPodsAsync("app=agent", "kube-system");
        Assert.Equal(["c1-general-0000", "c1-general-0001"], pods.Select(p => p.Spec!.NodeName).Order(StringComparer.Ordinal));

        var pod = pods[0];
        Assert.StartsWith("agent-", pod.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(set.Metadata.Uid, Assert.Single(pod.Metadata.OwnerReferences!).Uid);
        var term = Assert.Single(pod.Spec!.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms!);
        var field = Assert.Single(term.MatchFields!);
        Assert.Equal(("metadata.name", "In"), (field.Key, field.Operator));
        Assert.Equal([pod.Spec.NodeName!], field.Values!);
        var tolerations = pod.Spec.Tolerations!.Select(t => $"{t.Key}:{t.Effect}:{t.TolerationSeconds}");
        Assert.Equal(
            ["node.kubernetes.io/not-ready:NoExecute:", "node.kubernetes.io/unreachable:NoExecute:", "node.kubernetes.io/disk-pressure:NoSchedule:",
             "node.kubernetes.io/memory-pressure:NoSchedule:", "node.kubernetes.io/pid-pressure:NoSchedule:", "node.kubernetes.io/unschedulable:NoSchedule:"],
            tolerations);
        var revision = Assert.Single((await fleet.Client.Resource<ControllerRevision>("kube-system").ListAsync()).Items);
        Assert.Equal($"agent-{pod.Metadata.Labels!["controller-revision-hash"]}", revision.Metadata.Name);

        await Sets(fleet).PatchAsync("agent", Patch.Merge(new
        {
            spec = new { template = new { spec = new { tolerations = new[] { new { key = "dedicated", @operator = "Equal", value = "gpu", effect = "NoSchedule" } } } } },
        }));

        await WaitForStatusAsync(fleet, s => s.ObservedGeneration == 2 && s.DesiredNumberScheduled == 3 && s.UpdatedNumberScheduled == 3 && s.NumberAvailable == 3);
        pods = await fleet.ListPodsAsync("app=agent", "kube-system");
        Assert.Equal(["c1-general-0000", "c1-general-0001", "c1-gpu-0000"], pods.Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Spec!.NodeName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DaemonSet_OnNodesAddedAndRemoved_AddsAndRemovesTheirPods()
    {
        await using var fleet = await TestFleet.StartAsync("- {name: general, count: 1}");
        await Sets(fleet).CreateAsync(Manifests.FromYaml<DaemonSet>(Agent()));
        await WaitForStatusAsync(fleet, s => s.NumberAvailable == 1);

        // A node registers itself as its kubelet does, with the machine's capacity; the kubelet then keeps it Ready.
        await fleet.Nodes.CreateAsync(Manifests.FromYaml<Node>("""
            apiVersion: v1
            kind: Node
            metadata: {name: extra, labels: {kubernetes.io/hostname: extra}}
            status:
              capacity: {cpu: "4", memory: 16Gi, pods: "110"}
              allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
            """));
        await WaitForStatusAsync(fleet, s => s.DesiredNumberScheduled == 2 && s.NumberAvailable == 2);
        Assert.Contains("extra", (await fleet.ListPodsAsync("app=agent", "kube-system")).Select(p => p.Spec!.NodeName));

        await fleet.Nodes.DeleteAsync("c1-general-0000");
        await WaitForStatusAsync(fleet, s => s.DesiredNumberScheduled == 1 && s.CurrentNumberScheduled == 1);
        await Eventually.True(
            async () => (await fleet.ListPodsAsync("app=agent", "kube-system")).Select(p => p.Spec!.NodeName).SequenceEqual(["extra"]),
            "only the pod of the remaining node is left");
    }

    [Fact]
    public async Task RollingUpdate_WithMaxUnavailableOne_NeverLeavesTwoNodesWithoutAReadyPod()
    {
        await using var fleet = await TestFleet.StartAsync("- {name: general, count: 3}");
        await Sets(fleet).CreateAsync(Manifests.FromYaml<DaemonSet>(Agent()));
        await WaitForStatusAsync(fleet, s => s.NumberAvailable == 3);
        await using var events = await PodEvents.StartAsync(fleet.Pods("kube-system"));

        // Each new pod takes a second to get ready: an update that did not wait for it would leave a gap.
        await SetImageAsync(fleet, "fluent-bit:3.1", readyAfterSeconds: 1);

        // The status of generation 1 already counts three updated, available pods: wait for the new generation's.
        await WaitForStatusAsync(fleet, s => s.ObservedGeneration == 2 && s.UpdatedNumberScheduled == 3 && s.NumberAvailable == 3);
        var live = (await fleet.ListPodsAsync("app=agent", "kube-system")).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        Assert.Equal(3, live.Count);
        Assert.All(live, p => Assert.Equal("fluent-bit:3.1", p.Spec!.Containers![0].Image));
        var uncovered = events.States().Select(pods => 3 - pods.Values
            .Where(p => p.Metadata.DeletionTimestamp is null && TestFleet.IsReady(p))
            .Select(p => p.Spec!.NodeName)
            .Distinct()
            .Count()).ToList();
        Assert.Equal(1, uncovered.Max());
    }

    [Fact]
    public async Task RollingUpdate_WithMaxSurge_RemovesTheOldPodOnlyOnceTheNewOneIsReady()
    {
        await using var fleet = await TestFleet.StartAsync("- {name: general, count: 1}");
        await Sets(fleet).CreateAsync(Manifests.FromYaml<DaemonSet>(Agent("updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}")));
        await WaitForStatusAsync(fleet, s => s.NumberAvailable == 1);
        var old = Assert.Single(await fleet.ListPodsAsync("app=agent", "kube-system"));
        await using var events = await PodEvents.StartAsync(fleet.Pods("kube-system"));

        await SetImageAsync(fleet, "fluent-bit:3.1", readyAfterSeconds: 1);

        var fresh = Assert.Single(await Eventually.Until(
            () => fleet.ListPodsAsync("app=agent", "kube-system"),
            p => p.Count == 1 && p[0].Metadata.Name != old.Metadata.Name && TestFleet.IsReady(p[0]),
            "the new pod alone and ready"));
        var newReady = events.IndexOf((_, p) => p.Metadata.Name == fresh.Metadata.Name && TestFleet.IsReady(p));
        var oldGoing = events.IndexOf((type, p) => p.Metadata.Name == old.Metadata.Name && (type == WatchEventType.Deleted || p.Metadata.DeletionTimestamp is not null));
        Assert.True(newReady >= 0 && oldGoing > newReady, $"the old pod began to go (event {oldGoing}) before the new one was ready (event {newReady})");
    }

    [Fact]
    public async Task OnDelete_ReplacesAPodWithTheNewTemplateOnlyWhenItIsDeleted()
    {
        await using var fleet = await TestFleet.StartAsync("- {name: general, count: 2}");
        await Sets(fleet).CreateAsync(Manifests.FromYaml<DaemonSet>(Agent("updateStrategy: {type: OnDelete}")));
        await WaitForStatusAsync(fleet, s => s.NumberAvailable == 2);

        await SetImageAsync(fleet, "fluent-bit:3.1");
        await WaitForStatusAsync(fleet, s => s.ObservedGeneration == 2 && s.UpdatedNumberScheduled is null or 0);
        var victim = (await fleet.ListPodsAsync("app=agent", "kube-system"))[0];
        await fleet.Pods("kube-system").DeleteAsync(victim.Metadata.Name!);

        await WaitForStatusAsync(fleet, s => s.UpdatedNumberScheduled == 1 && s.NumberAvailable == 2);
        var pods = await Eventually.Until(() => fleet.ListPodsAsync("app=agent", "kube-system"), p => p.Count == 2, "the deleted pod to finish terminating");
        var images = pods.ToDictionary(p => p.Spec!.NodeName!, p => p.Spec!.Containers![0].Image);
        Assert.Equal("fluent-bit:3.1", images[victim.Spec!.NodeName!]);
        Assert.Contains("fluent-bit:3.0", images.Values);
    }

    [Fact]
    public async Task Kubectl_RolloutStatus_WaitsForEveryNodeToRunTheNewTemplate()
    {
        await using var fleet = await TestFleet.StartAsync("- {name: general, count: 3}", kubectl: true);
        await Sets(fleet).CreateAsync(Manifests.FromYaml<DaemonSet>(Agent()));
        await WaitForStatusAsync(fleet, s => s.NumberAvailable == 3);
        await SetImageAsync(fleet, "fluent-bit:3.1");

        var status = await fleet.KubectlAsync("rollout", "status", "daemonset/agent", "-n", "kube-system", "--timeout=90s");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("daemon set \"agent\" successfully rolled out", status.Output, StringComparison.Ordinal);
        var pods = await Eventually.Until(() => fleet.ListPodsAsync("app=agent", "kube-system"), p => p.Count == 3, "the old pods to finish terminating");
        Assert.All(pods, p => Assert.Equal("fluent-bit:3.1", p.Spec!.Containers![0].Image));
    }

    private static Task<DaemonSet> SetImageAsync(TestFleet fleet, string image, int readyAfterSeconds = 0) =>
        Sets(fleet).UpdateAsync("agent", d => d.Spec!.Template!.Spec!.Containers![0] = new Container
        {
            Name = "agent",
            Image = image,
            ReadinessProbe = readyAfterSeconds > 0 ? Manifests.ReadyAfter(readyAfterSeconds) : null,
        });

    private static string Agent(string strategy = "") => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: kube-system}
        spec:
          selector: {matchLabels: {app: agent}}
          {{{strategy}}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: "fluent-bit:3.0"}]
        """;

    private static ResourceClient<DaemonSet> Sets(TestFleet fleet) => fleet.Client.Resource<DaemonSet>("kube-system");

    private static async Task<DaemonSetStatus> WaitForStatusAsync(TestFleet fleet, Func<DaemonSetStatus, bool> done)
    {
        var set = await Eventually.Until(() => Sets(fleet).GetAsync("agent"), s => s.Status is { } status && done(status), "the DaemonSet's status is as expected");
        return set.Status!;
    }
}
