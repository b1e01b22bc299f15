using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Scheduling;

public sealed class SchedulerTests
{
    private const string ThreeSmallNodes = """- {name: small, count: 3, cpu: "2", memory: 4Gi, zones: [z1, z2, z3]}""";

    [Fact]
    public async Task Pod_WhenANodeFits_IsBoundAndScheduledEventNamesTheNode()
    {
        await using var cluster = await TestFleet.StartAsync(ThreeSmallNodes);
        await cluster.Pods().CreateAsync(Manifests.Pod("web-1"));

        var pod = await cluster.WaitForPodAsync("web-1", p => p.Spec?.NodeName is not null, "a node");

        Assert.StartsWith("c1-small-", pod.Spec!.NodeName, StringComparison.Ordinal);
        Assert.Contains(pod.Status!.Conditions!, c => c.Type == "PodScheduled" && c.Status == "True");
        var scheduled = await cluster.WaitForEventAsync("web-1", "Scheduled");
        Assert.Equal($"Successfully assigned default/web-1 to {pod.Spec.NodeName}", scheduled.Message);
        Assert.Equal("Normal", scheduled.Type);
        Assert.Equal("default-scheduler", scheduled.Source?.Component);
    }

    [Fact]
    public async Task Pod_ThatFitsNowhere_GetsFailedSchedulingWithKubesMessage()
    {
        await using var cluster = await TestFleet.StartAsync(ThreeSmallNodes);
        await CordonAsync(cluster, "c1-small-0000", true);

        await cluster.Pods().CreateAsync(Manifests.Pod("big", cpu: "3"));

        const string Expected = "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. " +
            "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
        var failed = await cluster.WaitForEventAsync("big", "FailedScheduling");
        Assert.Equal(Expected, failed.Message);
        Assert.Equal("Warning", failed.Type);
        var pod = await cluster.WaitForPodAsync("big", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled") == true, "a PodScheduled condition");
        var condition = Assert.Single(pod.Status!.Conditions!, c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable", Expected), (condition.Status, condition.Reason, condition.Message));
        Assert.Null(pod.Spec!.NodeName);
    }

    [Fact]
    public async Task Pod_WithoutRoom_IsScheduledOnceACordonedNodeIsUncordoned()
    {
        await using var cluster = await TestFleet.StartAsync("""- {name: one, count: 1, cpu: "2", memory: 4Gi}""");
        await CordonAsync(cluster, "c1-one-0000", true);
        await cluster.Pods().CreateAsync(Manifests.Pod("waiting"));
        await cluster.WaitForEventAsync("waiting", "FailedScheduling");

        await CordonAsync(cluster, "c1-one-0000", false);

        var pod = await cluster.WaitForPodAsync("waiting", p => p.Spec?.NodeName is not null, "a node after the uncordon");
        Assert.Equal("c1-one-0000", pod.Spec!.NodeName);
    }

    [Fact]
    public async Task CordonedNode_GetsNoPods()
    {
        await using var cluster = await TestFleet.StartAsync("""- {name: pool, count: 2, cpu: "8", memory: 16Gi}""");
        await CordonAsync(cluster, "c1-pool-0000", true);

        for (var i = 0; i < 6; i++)
        {
            await cluster.Pods().CreateAsync(Manifests.Pod($"p{i}"));
        }

        for (var i = 0; i < 6; i++)
        {
            var pod = await cluster.WaitForPodAsync($"p{i}", p => p.Spec?.NodeName is not null, "a node");
            Assert.Equal("c1-pool-0001", pod.Spec!.NodeName);
        }
    }

    [Fact]
    public async Task RequiredAntiAffinity_PutsEachReplicaOnItsOwnNode_AndRejectsOneTooMany()
    {
        await using var cluster = await TestFleet.StartAsync(ThreeSmallNodes);
        for (var i = 0; i < 4; i++)
        {
            await cluster.Pods().CreateAsync(Manifests.Pod($"db-{i}", configure: p =>
            {
                p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "db" };
                p.Spec!.Affinity = new Affinity
                {
                    PodAntiAffinity = new PodAntiAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution =
                        [
                            new PodAffinityTerm
                            {
                                LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                                TopologyKey = "kubernetes.io/hostname",
                            },
                        ],
                    },
                };
            }));
        }

        var nodes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            nodes.Add((await cluster.WaitForPodAsync($"db-{i}", p => p.Spec?.NodeName is not null, "a node")).Spec!.NodeName!);
        }

        Assert.Equal(3, nodes.Distinct().Count());
        var failed = await cluster.WaitForEventAsync("db-3", "FailedScheduling");
        Assert.StartsWith("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiredZoneAffinity_KeepsFollowersInTheLeadersZone()
    {
        await using var cluster = await TestFleet.StartAsync("""- {name: pool, count: 6, cpu: "4", memory: 8Gi, zones: [z1, z2, z3]}""");
        await cluster.Pods().CreateAsync(Manifests.Pod("leader", configure: p => p.Metadata.Labels = new Dictionary<string, string> { ["role"] = "leader" }));
        var leaderNode = (await cluster.WaitForPodAsync("leader", p => p.Spec?.NodeName is not null, "a node")).Spec!.NodeName!;
        var leaderZone = (await cluster.Nodes.GetAsync(leaderNode)).Metadata.Labels!["topology.kubernetes.io/zone"];

        for (var i = 0; i < 4; i++)
        {
            await cluster.Pods().CreateAsync(Manifests.Pod($"follower-{i}", configure: p => p.Spec!.Affinity = new Affinity
            {
                PodAffinity = new PodAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution =
                    [
                        new PodAffinityTerm
                        {
                            LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "leader" } },
                            TopologyKey = "topology.kubernetes.io/zone",
                        },
                    ],
                },
            }));
        }

        for (var i = 0; i < 4; i++)
        {
            var node = (await cluster.WaitForPodAsync($"follower-{i}", p => p.Spec?.NodeName is not null, "a node")).Spec!.NodeName!;
            Assert.Equal(leaderZone, (await cluster.Nodes.GetAsync(node)).Metadata.Labels!["topology.kubernetes.io/zone"]);
        }
    }

    [Fact]
    public async Task TaintedPool_TakesOnlyPodsThatTolerateIt_AndNodeSelectorsPickIt()
    {
        await using var cluster = await TestFleet.StartAsync("""
            - {name: general, count: 2, cpu: "4", memory: 8Gi}
            - {name: gpu, count: 1, cpu: "4", memory: 8Gi, labels: {accelerator: gpu}, taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
            """);
        await cluster.Pods().CreateAsync(Manifests.Pod("wants-gpu", configure: p => p.Spec!.NodeSelector = new Dictionary<string, string> { ["accelerator"] = "gpu" }));
        await cluster.Pods().CreateAsync(Manifests.Pod("tolerates-gpu", configure: p =>
        {
            p.Spec!.NodeSelector = new Dictionary<string, string> { ["accelerator"] = "gpu" };
            p.Spec.Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "gpu", Effect = "NoSchedule" }];
        }));

        var failed = await cluster.WaitForEventAsync("wants-gpu", "FailedScheduling");
        Assert.StartsWith(
            "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector.",
            failed.Message,
            StringComparison.Ordinal);
        var placed = await cluster.WaitForPodAsync("tolerates-gpu", p => p.Spec?.NodeName is not null, "a node");
        Assert.Equal("c1-gpu-0000", placed.Spec!.NodeName);
    }

    [Fact]
    public async Task PodPinnedByMatchFields_LandsOnThatNodeOnly()
    {
        await using var cluster = await TestFleet.StartAsync("""- {name: pool, count: 5, cpu: "4", memory: 8Gi}""");
        await cluster.Pods().CreateAsync(Manifests.Pod("daemon", configure: p => p.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new NodeSelectorTerm
                        {
                            MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = ["c1-pool-0003"] }],
                        },
                    ],
                },
            },
        }));

        var pod = await cluster.WaitForPodAsync("daemon", p => p.Spec?.NodeName is not null, "a node");
        Assert.Equal("c1-pool-0003", pod.Spec!.NodeName);
    }

    [Fact]
    public async Task ReplicasOfOneController_SpreadOverZones()
    {
        await using var cluster = await TestFleet.StartAsync("""- {name: pool, count: 6, cpu: "16", memory: 64Gi, zones: [z1, z2, z3]}""");
        // A real owner: pods whose owner does not exist are collected by the garbage collector.
        await cluster.Client.Resource<ReplicaSet>("default").CreateAsync(Manifests.ReplicaSet("web", 6));

        var pods = await Eventually.Until(() => cluster.ListPodsAsync("app=web"), p => p.Count == 6 && p.All(x => x.Spec?.NodeName is not null), "six web pods on nodes");
        var zones = new List<string>();
        foreach (var pod in pods)
        {
            zones.Add((await cluster.Nodes.GetAsync(pod.Spec!.NodeName!)).Metadata.Labels!["topology.kubernetes.io/zone"]);
        }

        Assert.All(zones.GroupBy(z => z), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task HardTopologySpread_RefusesANodeThatWouldSkewTheZones()
    {
        await using var cluster = await TestFleet.StartAsync("""
            - {name: a, count: 2, cpu: "4", memory: 8Gi, zones: [z1]}
            - {name: b, count: 1, cpu: "4", memory: 8Gi, zones: [z2]}
            """);
        await CordonAsync(cluster, "c1-b-0000", true);
        for (var i = 0; i < 2; i++)
        {
            await cluster.Pods().CreateAsync(Manifests.Pod($"spread-{i}", configure: p =>
            {
                p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "spread" };
                p.Spec!.TopologySpreadConstraints =
                [
                    new TopologySpreadConstraint
                    {
                        MaxSkew = 1,
                        TopologyKey = "topology.kubernetes.io/zone",
                        WhenUnsatisfiable = "DoNotSchedule",
                        LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "spread" } },
                    },
                ];
            }));
        }

        var first = await cluster.WaitForPodAsync("spread-0", p => p.Spec?.NodeName is not null, "a node");
        Assert.StartsWith("c1-a-", first.Spec!.NodeName, StringComparison.Ordinal);
        var failed = await cluster.WaitForEventAsync("spread-1", "FailedScheduling");
        Assert.StartsWith(
            "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints.",
            failed.Message,
            StringComparison.Ordinal);

        await CordonAsync(cluster, "c1-b-0000", false);

        var second = await cluster.WaitForPodAsync("spread-1", p => p.Spec?.NodeName is not null, "a node after the uncordon");
        Assert.Equal("c1-b-0000", second.Spec!.NodeName);
    }

    private static Task<Node> CordonAsync(TestFleet cluster, string node, bool cordon) =>
        cluster.Nodes.PatchAsync(node, Patch.StrategicMerge(new { spec = new { unschedulable = cordon } }));
}
