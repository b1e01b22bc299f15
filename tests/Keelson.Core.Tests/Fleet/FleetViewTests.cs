using Keelson.Core.Fleet;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Core.Tests.Fleet;

public sealed class FleetViewTests
{
    private static readonly Func<Keelson.Core.Access.ClusterTarget, bool> Everyone = _ => true;

    [Fact]
    public async Task Sync_OfRegisteredClusters_ShowsTheirNodesPodsAndWorkloadsWithTheRightCounts()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1", new Dictionary<string, string> { ["env"] = "production" });
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");

        var c1 = h.View.GetClusterHealth("c1")!;
        var c2 = h.View.GetClusterHealth("c2")!;

        Assert.Equal(new NodeCounts(10, 10, 0, 0), c1.Nodes);
        Assert.Equal(10, c1.Pods.Total);
        Assert.Equal(10, c1.Pods.ByPhase[PodPhase.Running]);
        Assert.Equal(new WorkloadCounts(2, 0), c1.Workloads);
        Assert.True(c1.Reachable);
        Assert.Null(c1.Stale);
        Assert.Equal(new NodeCounts(5, 5, 0, 0), c2.Nodes);
        Assert.Equal(3, c2.Pods.Total);
        Assert.Equal("production", c1.Tags["env"]);
        var metrics = h.View.Metrics().Single(m => m.Cluster == "c1");
        Assert.Equal((ClusterStatus.Ready, 10, 10, 2, 0L), (metrics.Status, metrics.Nodes, metrics.Pods, metrics.Workloads, metrics.ApiErrors));
        Assert.True(metrics.Events >= 22, $"{metrics.Events} events delivered"); // at least the listed nodes, pods and workloads
        Assert.NotNull(metrics.ApiLatency);
    }

    [Fact]
    public async Task ListPods_ByApp_FindsThePodsOfThatAppInEveryCluster()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");

        var web = h.View.ListPods(new PodQuery { App = "shop-web" }, Everyone);
        var api = h.View.ListPods(new PodQuery { App = "api" }, Everyone);

        Assert.Equal(9, web.Items.Count);
        Assert.Equal(["c1", "c1", "c1", "c1", "c1", "c1", "c2", "c2", "c2"], web.Items.Select(p => p.Cluster));
        Assert.All(web.Items, p => Assert.Equal((WorkloadKind.Deployment, "web", PodPhase.Running, true), (p.WorkloadKind!.Value, p.Workload, p.Phase, p.Ready)));
        Assert.All(web.Items, p => Assert.NotNull(p.Node));
        Assert.Equal(4, api.Items.Count); // the legacy app label counts when app.kubernetes.io/name is absent
        Assert.All(api.Items, p => Assert.Equal("shop", p.Namespace));
        Assert.Null(web.Continue);
    }

    [Fact]
    public async Task Pods_CreatedAndDeletedInTheCluster_AppearAndDisappear()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.WaitForReadyAsync("c1");
        var pods = h.Kube("c1").Resource<Pod>("default");

        await pods.CreateAsync(DebugPod("debug"));
        var pending = await FleetHarness.EventuallyAsync(
            () => h.View.ListPods(new PodQuery { Cluster = "c1", Phase = PodPhase.Pending }, Everyone), p => p.Items.Count == 1, "the new pod showing as Pending");
        await pods.DeleteAsync("debug");
        await FleetHarness.EventuallyAsync(() => h.View.GetClusterHealth("c1"), c => c.Pods.Total == 10, "the deleted pod leaving the view");

        var pod = Assert.Single(pending.Items);
        Assert.Equal(("debug", "debug", PodPhase.Pending), (pod.Name, pod.App, pod.Phase));
        Assert.Null(pod.WorkloadKind);
    }

    [Fact]
    public async Task NodeConditions_ReportedByTheKubelet_ShowUnderTheConditionFiltersWithinSeconds()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");
        var nodes = h.Kube("c1").Resource<Node>();

        // What a kubelet posts when its runtime fails, and when memory runs short (the simulator's
        // nodeDown and memoryPressure faults make its kubelets post these).
        await nodes.PatchStatusAsync("c1-general-0003", Condition("Ready", "False", "KubeletNotReady", "container runtime is down"));
        await nodes.PatchStatusAsync("c1-gpu-0001", Condition("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available"));
        var notReady = await FleetHarness.EventuallyAsync(
            () => h.View.ListNodes(new NodeQuery { Condition = "NotReady" }, Everyone), p => p.Items.Count == 1, "the NotReady node showing");
        var pressure = await FleetHarness.EventuallyAsync(
            () => h.View.ListNodes(new NodeQuery { Condition = "memorypressure" }, Everyone), p => p.Items.Count == 1, "the MemoryPressure node showing");
        var any = h.View.ListNodes(new NodeQuery { Condition = "any" }, Everyone);
        var health = h.View.GetClusterHealth("c1")!;

        var down = Assert.Single(notReady.Items);
        Assert.Equal(("c1", "c1-general-0003", false), (down.Cluster, down.Name, down.Ready));
        var problem = Assert.Single(down.Problems);
        Assert.Equal(("Ready", "False", "KubeletNotReady", "container runtime is down"), (problem.Type, problem.Status, problem.Reason, problem.Message));
        Assert.Equal("c1-gpu-0001", Assert.Single(pressure.Items).Name);
        Assert.Equal(["c1-general-0003", "c1-gpu-0001"], any.Items.Select(n => n.Name));
        Assert.Equal(new NodeCounts(10, 9, 0, 2), health.Nodes);

        await nodes.PatchStatusAsync("c1-general-0003", Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"));
        await FleetHarness.EventuallyAsync(() => h.View.ListNodes(new NodeQuery { Condition = "NotReady" }, Everyone), p => p.Items.Count == 0, "the recovered node leaving the NotReady filter");
    }

    [Fact]
    public async Task ListNodes_BySelectorClusterAndCordon_FiltersAsAsked()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");

        await h.Kube("c2").Resource<Node>().PatchAsync("c2-general-0002", Patch.Merge(new { spec = new { unschedulable = true } }));
        var cordoned = await FleetHarness.EventuallyAsync(
            () => h.View.ListNodes(new NodeQuery { Cordoned = true }, Everyone), p => p.Items.Count == 1, "the cordoned node showing");
        var gpu = h.View.ListNodes(new NodeQuery { Selector = LabelMatcher.Parse("accelerator=gpu") }, Everyone);
        var general = h.View.ListNodes(new NodeQuery { Cluster = "c2", Selector = LabelMatcher.Parse("keelson.dev/node-pool in (general),!accelerator") }, Everyone);
        var schedulable = h.View.ListNodes(new NodeQuery { Cluster = "c2", Cordoned = false }, Everyone);

        Assert.Equal("c2-general-0002", Assert.Single(cordoned.Items).Name);
        Assert.Equal(["c1-gpu-0000", "c1-gpu-0001"], gpu.Items.Select(n => n.Name));
        Assert.Equal(5, general.Items.Count);
        Assert.Equal(4, schedulable.Items.Count);
        Assert.Equal(1, h.View.GetClusterHealth("c2")!.Nodes.Cordoned);
    }

    [Fact]
    public async Task ListWorkloads_ByKindNamespaceAndAvailability_FiltersAsAsked()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.WaitForReadyAsync("c1");

        // No controller runs here, so a new Deployment never gets available pods.
        await h.Kube("c1").Resource<Deployment>("shop").CreateAsync(NewDeployment("checkout", replicas: 2));
        var notAvailable = await FleetHarness.EventuallyAsync(
            () => h.View.ListWorkloads(new WorkloadQuery { NotAvailable = true }, Everyone), p => p.Items.Count == 1, "the unavailable Deployment showing");
        var shop = h.View.ListWorkloads(new WorkloadQuery { Namespace = "shop", Kind = WorkloadKind.Deployment }, Everyone);
        var statefulSets = h.View.ListWorkloads(new WorkloadQuery { Kind = WorkloadKind.StatefulSet }, Everyone);
        var all = h.View.ListWorkloads(new WorkloadQuery(), Everyone);

        var checkout = Assert.Single(notAvailable.Items);
        Assert.Equal(("checkout", 2, 0, true), (checkout.Name, checkout.Desired, checkout.Available, checkout.NotAvailable));
        Assert.Equal(["api", "checkout"], shop.Items.Select(w => w.Name));
        Assert.Empty(statefulSets.Items);
        Assert.Equal([("default", "web"), ("shop", "api"), ("shop", "checkout")], all.Items.Select(w => (w.Namespace, w.Name)));
        var web = all.Items[0];
        Assert.Equal((6, 6, 6, 6, "shop-web", "nginx:1.25"), (web.Desired, web.Ready, web.Updated, web.Available, web.App, Assert.Single(web.Images)));
        Assert.Equal(new WorkloadCounts(3, 1), h.View.GetClusterHealth("c1")!.Workloads);
    }

    [Fact]
    public async Task GetWorkload_ListsItsPodsAndTheEventsAboutThem()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.WaitForReadyAsync("c1");
        var kube = h.Kube("c1");
        var web = h.View.GetWorkload("c1", "default", WorkloadKind.Deployment, "web")!;

        // A StatefulSet: the simulator's controller creates its pods.
        await kube.Resource<StatefulSet>("default").CreateAsync(NewStatefulSet("db", replicas: 2));

        await kube.Resource<Event>("default").CreateAsync(new Event
        {
            Metadata = new ObjectMeta { Name = "web-backoff" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Namespace = "default", Name = web.Pods[0].Name, ApiVersion = "v1" },
            Reason = "BackOff",
            Message = "Back-off restarting failed container web",
            Type = "Warning",
            Count = 3,
            LastTimestamp = DateTimeOffset.UtcNow,
            FirstTimestamp = DateTimeOffset.UtcNow,
            Source = new EventSource { Component = "kubelet" },
        });
        var withEvent = await FleetHarness.EventuallyAsync(
            () => h.View.GetWorkload("c1", "default", WorkloadKind.Deployment, "web"), w => w.Events.Count == 1, "the event showing with its workload");
        var statefulSet = await FleetHarness.EventuallyAsync(
            () => h.View.GetWorkload("c1", "default", WorkloadKind.StatefulSet, "db"), w => w.Pods.Count == 2, "the StatefulSet's pods showing");

        Assert.Equal(6, web.Pods.Count);
        Assert.Equal(web.Pods.Select(p => p.Name).Order(StringComparer.Ordinal), web.Pods.Select(p => p.Name));
        var e = Assert.Single(withEvent.Events);
        Assert.Equal(("Warning", "BackOff", 3, web.Pods[0].Name), (e.Type, e.Reason, e.Count, e.ObjectName));
        Assert.Equal(["db-0", "db-1"], statefulSet.Pods.Select(p => p.Name));
        Assert.Null(h.View.GetWorkload("c1", "default", WorkloadKind.DaemonSet, "web"));
        Assert.Equal(1, h.View.GetClusterHealth("c1")!.WarningEvents);
    }

    [Fact]
    public async Task ListPods_PagedWithContinue_ReturnsEveryPodOnceInOrder()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");

        var seen = new List<FleetPod>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = h.View.ListPods(new PodQuery { Limit = 4, Continue = token }, Everyone);
            seen.AddRange(page.Items);
            token = page.Continue;
            pages++;
        }
        while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(13, seen.Count);
        var keys = seen.Select(p => (p.Cluster, p.Namespace, p.Name)).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Equal(keys.OrderBy(k => k.Cluster, StringComparer.Ordinal).ThenBy(k => k.Namespace, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal), keys);
        var bad = Assert.Throws<FleetQueryException>(() => h.View.ListNodes(new NodeQuery { Continue = h.View.ListPods(new PodQuery { Limit = 1 }, Everyone).Continue }, Everyone));
        Assert.Equal("continue", bad.Field);
    }

    [Fact]
    public async Task ApiErrors_MarkTheClusterStaleWithTheReason_AndItRecoversWhenCleared()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");
        var faults = h.Simulator.Runtime("c1").Faults;

        var fault = faults.Inject("apiErrors", new Dictionary<string, string> { ["code"] = "503", ["rate"] = "1" });
        var stale = await FleetHarness.EventuallyAsync(() => h.View.GetClusterHealth("c1"), c => c.Status == ClusterStatus.Stale, "c1 becoming stale");
        var metrics = h.View.Metrics().Single(m => m.Cluster == "c1");
        faults.Clear(fault.Id);
        await FleetHarness.EventuallyAsync(() => h.View.GetClusterHealth("c1"), c => c.Status == ClusterStatus.Ready, "c1 recovering");

        Assert.Contains("GET /api/v1/namespaces/default", stale.Stale!.Reason, StringComparison.Ordinal);
        Assert.Equal((ClusterStatus.Stale, 10, 10, 2), (metrics.Status, metrics.Nodes, metrics.Pods, metrics.Workloads));
        Assert.True(metrics.ApiErrors >= 1, $"{metrics.ApiErrors} API errors counted");
        Assert.Contains("503", stale.Stale.Reason, StringComparison.Ordinal);
        Assert.False(stale.Reachable);
        Assert.Equal(10, stale.Pods.Total); // what it had is still served
        Assert.Equal(ClusterStatus.Ready, h.View.GetClusterHealth("c2")!.Status);
    }

    [Fact]
    public async Task WatchCut_ThatCannotResume_MarksTheClusterStale_AndItCatchesUpWhenCleared()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.WaitForReadyAsync("c1");
        var faults = h.Simulator.Runtime("c1").Faults;

        var errors = faults.Inject("apiErrors", new Dictionary<string, string> { ["code"] = "500", ["rate"] = "1" });
        faults.Inject("watchCut", new Dictionary<string, string>());
        var stale = await FleetHarness.EventuallyAsync(
            () => h.View.GetClusterHealth("c1"), c => c.Stale?.Reason.StartsWith("listing and watching", StringComparison.Ordinal) == true, "c1 stale for its broken watches");
        // A change the view cannot see while its watches are down (written past the failing API).
        var cluster = h.Simulator.Cluster("c1");
        cluster.Registry.Mutate(cluster.Store.Catalog.ByKind("v1", "Node")!, null, "c1-general-0005", "test", node =>
        {
            node["spec"]!["unschedulable"] = true;
            return true;
        });
        faults.Clear(errors.Id);
        await FleetHarness.EventuallyAsync(() => h.View.GetClusterHealth("c1"), c => c.Status == ClusterStatus.Ready, "c1 recovering");
        var cordoned = await FleetHarness.EventuallyAsync(
            () => h.View.ListNodes(new NodeQuery { Cordoned = true }, Everyone), p => p.Items.Count == 1, "the change made during the outage showing");

        Assert.True(stale.Stale!.Since <= DateTime.UtcNow);
        Assert.Contains("500", stale.Stale.Reason, StringComparison.Ordinal);
        Assert.Equal("c1-general-0005", cordoned.Items[0].Name);
    }

    [Fact]
    public async Task WatchCut_Alone_IsResumedWithoutLosingAChange()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1");
        await h.WaitForReadyAsync("c1");

        h.Simulator.Runtime("c1").Faults.Inject("watchCut", new Dictionary<string, string>());
        await h.Kube("c1").Resource<Pod>("default").CreateAsync(DebugPod("after-cut"));
        await FleetHarness.EventuallyAsync(() => h.View.GetPod("c1", "default", "after-cut"), _ => true, "the pod created after the cut showing");

        Assert.Equal(ClusterStatus.Ready, h.View.GetClusterHealth("c1")!.Status);
    }

    [Fact]
    public async Task Registry_AddsRemovalsTagsAndRotations_AreFollowed()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1", new Dictionary<string, string> { ["env"] = "production" });
        await h.RegisterAsync("c2");
        await h.WaitForReadyAsync("c1", "c2");
        var before = h.View.Entries.Single(e => e.Name == "c1").View;

        await h.Registry.TagAsync(FleetHarness.Admin, "c1", new Dictionary<string, string?> { ["env"] = "staging" }, CancellationToken.None);
        await FleetHarness.EventuallyAsync(() => h.View.FindCluster("c1"), c => c.Tags["env"] == "staging", "the new tag showing");
        var retagged = h.View.Entries.Single(e => e.Name == "c1").View;
        await h.Registry.RotateCredentialsAsync(FleetHarness.Admin, h.Registration("c1") with { InsecureSkipTlsVerify = true }, CancellationToken.None);
        var rebuilt = await FleetHarness.EventuallyAsync(() => h.View.Entries.Single(e => e.Name == "c1").View, v => !ReferenceEquals(v, before), "c1's view rebuilt with the new credentials");
        await h.Registry.RemoveAsync(FleetHarness.Admin, "c2", CancellationToken.None);
        await FleetHarness.EventuallyAsync(() => h.View.Clusters, c => c.Count == 1, "c2 leaving the view");

        Assert.Same(before, retagged); // a new tag does not relist the cluster
        Assert.True(rebuilt!.HasSynced); // installed only once synced, so the cluster never looks empty
        Assert.Equal(10, h.View.GetClusterHealth("c1")!.Pods.Total);
        Assert.Null(h.View.GetClusterHealth("c2"));
        Assert.Empty(h.View.ListPods(new PodQuery { Cluster = "c2" }, Everyone).Items);
    }

    [Fact]
    public async Task Registry_ChangedByAnotherReplica_IsFollowedFromTheDatabase()
    {
        await using var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        // Another server replica: its own registry over the same database, whose change events this one never hears.
        var other = new Keelson.Core.Clusters.ClusterRegistry(
            h.Get<Keelson.Storage.KeelsonDatabase>(), h.Get<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), h.Get<Keelson.Core.Audit.AuditLog>(), TimeProvider.System);

        await other.AddAsync(FleetHarness.Admin, h.Registration("c3"), CancellationToken.None);
        await h.WaitForReadyAsync("c3");
        await other.RemoveAsync(FleetHarness.Admin, "c3", CancellationToken.None);
        await FleetHarness.EventuallyAsync(() => h.View.Clusters, c => c.Count == 0, "c3 leaving the view");

        Assert.Null(h.View.GetClusterHealth("c3"));
    }

    internal static Pod DebugPod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new() { ["app"] = "debug" } },
        Spec = new PodSpec { Containers = [new Container { Name = "shell", Image = "busybox:1.36" }] },
    };

    private static Patch Condition(string type, string status, string reason, string message) =>
        Patch.StrategicMerge(new { status = new { conditions = new[] { new { type, status, reason, message, lastTransitionTime = DateTimeOffset.UtcNow } } } });

    private static Deployment NewDeployment(string name, int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = name, Image = "shop/" + name + ":1.0" }] },
            },
        },
    };

    private static StatefulSet NewStatefulSet(string name, int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = name, Image = "postgres:16" }] },
            },
        },
    };
}
