using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.GarbageCollection;

public sealed class GarbageCollectorTests
{
    [Fact]
    public async Task CascadeBackground_DeletesTheDeploymentAtOnce_AndItsReplicaSetsAndPodsAfterwards()
    {
        await using var fleet = await StartWithDeploymentAsync();

        var (exitCode, _, error) = await fleet.KubectlAsync("delete", "deployment", "web", "--cascade=background");

        Assert.True(exitCode == 0, error);
        await Eventually.Until(() => CountAsync(fleet), c => c == (0, 0, 0), "the replica set and pods to be collected");
    }

    [Fact]
    public async Task CascadeForeground_DeletesPodsThenTheReplicaSetBeforeTheDeployment()
    {
        await using var fleet = await StartWithDeploymentAsync();

        var (exitCode, _, error) = await fleet.KubectlAsync("delete", "deployment", "web", "--cascade=foreground");

        Assert.True(exitCode == 0, error);
        // kubectl waits for the deployment itself to go, which foreground deletion allows only after its dependents went.
        Assert.Equal((0, 0, 0), await CountAsync(fleet));
    }

    [Fact]
    public async Task CascadeOrphan_DeletesOnlyTheDeployment_AndLeavesItsReplicaSetWithoutOwner()
    {
        await using var fleet = await StartWithDeploymentAsync();
        var rs = Assert.Single((await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items);

        var (exitCode, _, error) = await fleet.KubectlAsync("delete", "deployment", "web", "--cascade=orphan");

        Assert.True(exitCode == 0, error);
        Assert.Equal((0, 1, 3), await CountAsync(fleet));
        var orphan = await fleet.Client.Resource<ReplicaSet>("default").GetAsync(rs.Metadata.Name!);
        Assert.Equal(rs.Metadata.Uid, orphan.Metadata.Uid);
        Assert.Null(orphan.Metadata.OwnerReferences);
        var pods = (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "app=web" })).Items;
        Assert.All(pods, p => Assert.Equal(rs.Metadata.Uid, Assert.Single(p.Metadata.OwnerReferences!).Uid));
    }

    [Fact]
    public async Task ObjectWhoseOnlyOwnerIsGone_IsDeleted_ButOneWithAnotherOwnerLeft_OnlyLosesTheReference()
    {
        await using var fleet = await TestFleet.StartAsync();
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        var first = await configMaps.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "first" } });
        var second = await configMaps.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "second" } });
        static OwnerReference Owner(ConfigMap owner) => new() { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid };
        await configMaps.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "single", OwnerReferences = [Owner(first)] } });
        await configMaps.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "shared", OwnerReferences = [Owner(first), Owner(second)] } });

        await configMaps.DeleteAsync("first");

        await Eventually.Until(() => configMaps.GetOrNullAsync("single"), c => c is null, "the configmap owned only by the deleted one to go");
        var shared = await Eventually.Until(() => configMaps.GetAsync("shared"), c => c.Metadata.OwnerReferences?.Count == 1, "the dangling reference to be dropped");
        Assert.Equal(second.Metadata.Uid, shared.Metadata.OwnerReferences![0].Uid);
    }

    private static async Task<TestFleet> StartWithDeploymentAsync()
    {
        var fleet = await TestFleet.StartAsync(kubectl: true);
        await fleet.Client.Resource<Deployment>("default").CreateAsync(Manifests.Deployment("web", 3));
        await Eventually.Until(() => CountAsync(fleet), c => c == (1, 1, 3), "the deployment to run 3 pods");
        return fleet;
    }

    private static async Task<(int Deployments, int ReplicaSets, int Pods)> CountAsync(TestFleet fleet) =>
        ((await fleet.Client.Resource<Deployment>("default").ListAsync()).Items.Count,
         (await fleet.Client.Resource<ReplicaSet>("default").ListAsync()).Items.Count,
         (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "app=web" })).Items.Count);
}
