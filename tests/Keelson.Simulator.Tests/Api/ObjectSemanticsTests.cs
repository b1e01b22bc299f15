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
        await using var fleet = await TestFleet.StartAsync();
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
        await using var fleet = await TestFleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");

        var a = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { GenerateName = "job-" } });
        var b = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { GenerateName = "job-" } });

        Assert.Matches("^job-[a-z0-9]{5}$", a.Metadata.Name);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }

    [Fact]
    public async Task Create_Twice_IsAlreadyExists_AndInAMissingNamespace_IsNotFound()
    {
        await using var fleet = await TestFleet.StartAsync();
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
        await using var fleet = await TestFleet.StartAsync();
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
        await using var fleet = await TestFleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        var created = await deployments.CreateAsync(Manifests.Deployment("web", replicas: 0));
        Assert.Equal(1, created.Metadata.Generation);

        // The deployment controller writes the object's status meanwhile: change it as kubectl edit does, retrying on conflict.
        var relabelled = await deployments.UpdateAsync("web", d =>
        {
            d.Metadata.Labels = new() { ["team"] = "shop" };
            d.Status = new DeploymentStatus { Replicas = 42 };
        });
        var respecced = await deployments.UpdateAsync("web", d =>
        {
            d.Spec!.Replicas = 0;
            d.Spec.MinReadySeconds = 5;
        });
        var statused = await deployments.UpdateStatusAsync("web", d => d.Status = new DeploymentStatus { ObservedGeneration = 2 });

        Assert.Equal(1, relabelled.Metadata.Generation);
        Assert.NotEqual(42, relabelled.Status?.Replicas);
        Assert.Equal(2, respecced.Metadata.Generation);
        Assert.Equal(2, statused.Status!.ObservedGeneration);
        Assert.Equal(2, statused.Metadata.Generation);
    }

    [Fact]
    public async Task Delete_WithAUidPrecondition_RefusesAReplacedObject()
    {
        await using var fleet = await TestFleet.StartAsync();
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
        await using var fleet = await TestFleet.StartAsync();
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
        // Its container takes longer to stop than the 30 s grace period, so the pod stays terminating while the test looks.
        await using var fleet = await TestFleet.StartAsync(timing: "termination: 1h");
        var pods = fleet.Pods();
        await pods.CreateAsync(Manifests.Pod("p"));
        await fleet.WaitForPodAsync("p", p => p.Status?.Phase == "Running", "running");

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
        await using var fleet = await TestFleet.StartAsync();
        var namespaces = fleet.Client.Resource<Namespace>();
        await namespaces.CreateAsync(new Namespace { Metadata = new() { Name = "team-a" } });
        // Content held by a finalizer keeps the namespace terminating; the namespace controller removes an empty one at once.
        await fleet.Client.Resource<ConfigMap>("team-a").CreateAsync(new ConfigMap { Metadata = new() { Name = "held", Finalizers = ["example.com/hold"] } });

        await namespaces.DeleteAsync("team-a");
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            fleet.Client.Resource<ConfigMap>("team-a").CreateAsync(new ConfigMap { Metadata = new() { Name = "late" } }));

        Assert.True(e.IsForbidden);
        Assert.Contains("unable to create new content in namespace team-a because it is being terminated", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_SetsTheNodeOnce()
    {
        await using var fleet = await TestFleet.StartAsync();
        var pods = fleet.Client.Resource<Pod>("default");
        var pod = Manifests.Pod("b");
        pod.Spec!.SchedulerName = "elsewhere"; // keep the default scheduler away
        await pods.CreateAsync(pod);

        await pods.BindAsync("b", "c1-pool-0001");
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => pods.BindAsync("b", "c1-pool-0002"));

        Assert.Equal("c1-pool-0001", (await pods.GetAsync("b")).Spec!.NodeName);
        Assert.True(e.IsConflict);
        Assert.Contains("is already assigned to node \"c1-pool-0001\"", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eviction_OfAPodWhoseBudgetAllowsNoDisruption_IsRefusedWith429()
    {
        await using var fleet = await TestFleet.StartAsync();
        var pods = fleet.Pods();
        // A running, ready pod: a pending one may be evicted whatever its budget says, as in kube.
        await pods.CreateAsync(Manifests.Pod("guarded", configure: p => p.Metadata.Labels = new() { ["app"] = "db" }));
        await fleet.WaitForPodAsync("guarded", TestFleet.IsReady, "ready");
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
        await using var fleet = await TestFleet.StartAsync();
        var deployments = fleet.Client.Resource<Deployment>("default");
        await deployments.CreateAsync(Manifests.Deployment("web", replicas: 0));

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
        await using var fleet = await TestFleet.StartAsync("""- {name: pool, count: 4, cpu: "4", memory: 16Gi, zones: [z1, z2]}""");
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
        await using var fleet = await TestFleet.StartAsync();
        var options = fleet.Host.ClientOptions("c1");
        using var anonymous = new KubernetesClient(new KubernetesClientOptions { Server = options.Server, ContextName = "c1" });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => anonymous.Resource<Namespace>().ListAsync());

        Assert.True(e.IsUnauthorized);
    }
}
