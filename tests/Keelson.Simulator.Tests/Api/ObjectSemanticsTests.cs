using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Api;

/// <summary>kube-apiserver's object rules, exercised through Keelson's client over HTTP.</summary>
public sealed class ObjectSemanticsTests
{
    [Fact]
    public async Task Create_AssignsIdentityAndVersion_AndGetReturnsTheSameObject()
    {
        await using var fleet = await Fleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");

        var created = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "settings" }, Data = new() { ["mode"] = "fast" } });
        var read = await configMaps.GetAsync("settings");

        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.True(long.Parse(created.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) > 1000);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("fast", read.Data!["mode"]);
        Assert.Equal(("v1", "ConfigMap"), (read.ApiVersion, read.Kind));
    }

    [Fact]
    public async Task Create_WithGenerateName_GivesEachObjectItsOwnName()
    {
        await using var fleet = await Fleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");

        var a = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { GenerateName = "job-" } });
        var b = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { GenerateName = "job-" } });

        Assert.Matches("^job-[a-z0-9]{5}$", a.Metadata.Name);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }

    [Fact]
    public async Task Create_Twice_IsAlreadyExists_AndInAMissingNamespace_IsNotFound()
    {
        await using var fleet = await Fleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "once" } });

        var again = await Assert.ThrowsAsync<KubernetesApiException>(() => configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "once" } }));
        var nowhere = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            fleet.Client.Resource<ConfigMap>("nowhere").CreateAsync(new ConfigMap { Metadata = new() { Name = "x" } }));

        Assert.True(again.IsAlreadyExists);
        Assert.Equal("configmaps \"once\" already exists", again.Status.Message);
        Assert.True(nowhere.IsNotFound);
        Assert.Equal("namespaces \"nowhere\" not found", nowhere.Status.Message);
    }

    [Fact]
    public async Task Replace_WithAStaleVersion_IsConflict_AndAnUnchangedObjectKeepsItsVersion()
    {
        await using var fleet = await Fleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        var first = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "cm" }, Data = new() { ["a"] = "1" } });
        var second = await configMaps.GetAsync("cm");
        second.Data!["a"] = "2";
        var updated = await configMaps.ReplaceAsync(second);

        first.Data!["a"] = "3";
        var stale = await Assert.ThrowsAsync<KubernetesApiException>(() => configMaps.ReplaceAsync(first));
        var same = await configMaps.ReplaceAsync(updated);

        Assert.True(stale.IsConflict);
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", stale.Status.Message, StringComparison.Ordinal);
        Assert.Equal(updated.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
        Assert.Equal("2", (await configMaps.GetAsync("cm")).Data!["a"]);
    }

    [Fact]
    public async Task Generation_CountsSpecChangesOnly_AndStatusMovesOnlyThroughItsSubresource()
    {
        await using var fleet = await Fleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        var created = await deployments.CreateAsync(Workloads.Deployment("web", replicas: 0));
        Assert.Equal(1, created.Metadata.Generation);

        created.Metadata.Labels = new() { ["team"] = "shop" };
        created.Status = new DeploymentStatus { Replicas = 42 };
        var relabelled = await deployments.ReplaceAsync(created);
        relabelled.Spec!.Replicas = 0;
        relabelled.Spec.MinReadySeconds = 5;
        var respecced = await deployments.ReplaceAsync(relabelled);
        respecced.Status = new DeploymentStatus { ObservedGeneration = 2 };
        var statused = await deployments.ReplaceStatusAsync(respecced);

        Assert.Equal(1, relabelled.Metadata.Generation);
        Assert.NotEqual(42, relabelled.Status?.Replicas);
        Assert.Equal(2, respecced.Metadata.Generation);
        Assert.Equal(2, statused.Status!.ObservedGeneration);
        Assert.Equal(2, statused.Metadata.Generation);
    }

    [Fact]
    public async Task Delete_WithAUidPrecondition_RefusesAReplacedObject()
    {
        await using var fleet = await Fleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        var old = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "cm" } });
        await configMaps.DeleteAsync("cm");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "cm" } });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            configMaps.DeleteAsync("cm", new DeleteOptions { Preconditions = new Preconditions { Uid = old.Metadata.Uid } }));

        Assert.True(e.IsConflict);
        Assert.Contains($"Precondition failed: UID in precondition: {old.Metadata.Uid}", e.Status.Message, StringComparison.Ordinal);
        Assert.NotNull(await configMaps.GetOrNullAsync("cm"));
    }

    [Fact]
    public async Task AnObjectWithAFinalizer_StaysTerminatingUntilTheFinalizerIsRemoved()
    {
        await using var fleet = await Fleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "held", Finalizers = ["example.com/hold"] } });

        var deleting = await configMaps.DeleteAsync("held");
        var stillThere = await configMaps.GetAsync("held");
        stillThere.Metadata.Finalizers = [];
        await configMaps.ReplaceAsync(stillThere);

        Assert.NotNull(deleting?.Metadata.DeletionTimestamp);
        Assert.NotNull(stillThere.Metadata.DeletionTimestamp);
        Assert.Null(await configMaps.GetOrNullAsync("held"));
    }

    [Fact]
    public async Task DeletingARunningPod_IsGraceful_UntilDeletedWithGracePeriodZero()
    {
        await using var fleet = await Fleet.StartAsync();
        var pods = fleet.Client.Resource<Pod>("default");
        // Bound to a node no kubelet serves, so only the API's rules act on it.
        await pods.CreateAsync(Workloads.Pod("p", nodeName: "ghost"));

        var terminating = await pods.DeleteAsync("p");
        var after = await pods.GetAsync("p");
        await pods.DeleteAsync("p", new DeleteOptions { GracePeriodSeconds = 0 });

        Assert.Equal(30, terminating!.Metadata.DeletionGracePeriodSeconds);
        Assert.NotNull(after.Metadata.DeletionTimestamp);
        Assert.Null(await pods.GetOrNullAsync("p"));
    }

    [Fact]
    public async Task DeletingANamespace_LeavesItTerminating_AndRefusesNewContent()
    {
        await using var fleet = await Fleet.StartAsync();
        var namespaces = fleet.Client.Resource<Namespace>();
        await namespaces.CreateAsync(new Namespace { Metadata = new() { Name = "team-a" } });

        await namespaces.DeleteAsync("team-a");
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            fleet.Client.Resource<ConfigMap>("team-a").CreateAsync(new ConfigMap { Metadata = new() { Name = "late" } }));

        Assert.True(e.IsForbidden);
        Assert.Contains("unable to create new content in namespace team-a because it is being terminated", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_SetsTheNodeOnce()
    {
        await using var fleet = await Fleet.StartAsync();
        var pods = fleet.Client.Resource<Pod>("default");
        var pod = Workloads.Pod("b");
        pod.Spec!.SchedulerName = "elsewhere"; // keep the default scheduler away
        await pods.CreateAsync(pod);

        await pods.BindAsync("b", "ghost-1");
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => pods.BindAsync("b", "ghost-2"));

        Assert.Equal("ghost-1", (await pods.GetAsync("b")).Spec!.NodeName);
        Assert.True(e.IsConflict);
        Assert.Contains("is already assigned to node \"ghost-1\"", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eviction_OfAPodWhoseBudgetAllowsNoDisruption_IsRefusedWith429()
    {
        await using var fleet = await Fleet.StartAsync();
        var pods = fleet.Client.Resource<Pod>("default");
        await pods.CreateAsync(Workloads.Pod("guarded", nodeName: "ghost", labels: new() { ["app"] = "db" }));
        await fleet.Client.Resource<PodDisruptionBudget>("default").CreateAsync(new PodDisruptionBudget
        {
            Metadata = new() { Name = "db" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "db" } } },
        });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => pods.EvictAsync("guarded"));

        Assert.True(e.IsTooManyRequests);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", e.Status.Message);
        Assert.Equal("DisruptionBudget", e.Status.Details!.Causes![0].Reason);
        Assert.Null((await pods.GetAsync("guarded")).Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Scale_ChangesReplicas_AndRefusesANegativeCount()
    {
        await using var fleet = await Fleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        await deployments.CreateAsync(Workloads.Deployment("web", replicas: 0));

        var scaled = await deployments.ScaleAsync("web", 0);
        var read = await deployments.GetScaleAsync("web");
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => deployments.ScaleAsync("web", -1));

        Assert.Equal(0, scaled.Spec!.Replicas);
        Assert.Equal("app=web", read.Status!.Selector);
        Assert.True(e.IsInvalid);
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selectors_FilterLists_AndAnUnsupportedFieldIsNamed()
    {
        await using var fleet = await Fleet.StartAsync(nodes: 4);
        var nodes = fleet.Client.Resource<Node>();
        var zone1 = await nodes.ListAsync(new ListOptions { LabelSelector = "topology.kubernetes.io/zone in (z1)" });
        var byName = await nodes.ListAsync(new ListOptions { FieldSelector = "metadata.name=c1-pool-0002" });
        var schedulable = await nodes.ListAsync(new ListOptions { FieldSelector = "spec.unschedulable=false" });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => nodes.ListAsync(new ListOptions { FieldSelector = "spec.podCIDR=x" }));

        Assert.Equal(["c1-pool-0000", "c1-pool-0002"], zone1.Items.Select(n => n.Metadata.Name));
        Assert.Equal("c1-pool-0002", Assert.Single(byName.Items).Metadata.Name);
        Assert.Equal(4, schedulable.Items.Count);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("field label not supported: spec.podCIDR", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestWithoutTheClustersToken_IsUnauthorized()
    {
        await using var fleet = await Fleet.StartAsync();
        var options = fleet.Host.ClientOptions("c1");
        using var anonymous = new KubernetesClient(new KubernetesClientOptions { Server = options.Server, ContextName = "c1" });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => anonymous.Resource<Namespace>().ListAsync());

        Assert.True(e.IsUnauthorized);
    }
}
