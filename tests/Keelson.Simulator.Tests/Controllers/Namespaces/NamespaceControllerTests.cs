using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.Namespaces;

public sealed class NamespaceControllerTests
{
    [Fact]
    public async Task DeletingANamespace_EmptiesAndRemovesIt()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        await fleet.Client.Resource<Namespace>().CreateAsync(NewNamespace("shop"));
        var deployment = Manifests.Deployment("cart", 2);
        deployment.Metadata.Namespace = "shop";
        await fleet.Client.Resource<Deployment>("shop").CreateAsync(deployment);
        await fleet.Client.Resource<ConfigMap>("shop").CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "settings" } });
        await Eventually.Until(
            async () => (await fleet.Client.Resource<Pod>("shop").ListAsync()).Items.Count(p => p.Status?.Phase == "Running"),
            n => n == 2,
            "the deployment's pods to run");

        var (exitCode, output, error) = await fleet.KubectlAsync("delete", "namespace", "shop");

        Assert.True(exitCode == 0, error);
        Assert.Equal("namespace \"shop\" deleted\n", output);
        Assert.Null(await fleet.Client.Resource<Namespace>().GetOrNullAsync("shop"));
        foreach (var kind in fleet.Host.Cluster("c1").Store.Catalog.Kinds.Where(k => k.Resource.Namespaced && !k.ReadOnly))
        {
            Assert.Empty(fleet.Host.Cluster("c1").Store.Table(kind).List("shop", null).Items);
        }
    }

    [Fact]
    public async Task NamespaceWithContentHeldByAFinalizer_StaysTerminatingAndSaysWhy()
    {
        await using var fleet = await TestFleet.StartAsync();
        var namespaces = fleet.Client.Resource<Namespace>();
        await namespaces.CreateAsync(NewNamespace("billing"));
        var configMaps = fleet.Client.Resource<ConfigMap>("billing");
        await configMaps.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "ledger", Finalizers = ["example.com/archive"] } });

        await namespaces.DeleteAsync("billing");

        var terminating = await Eventually.Until(
            () => namespaces.GetAsync("billing"),
            n => n.Status?.Conditions?.Any(c => c.Type == "NamespaceFinalizersRemaining" && c.Status == "True") == true,
            "the namespace to report the finalizer holding it");
        Assert.Equal("Terminating", terminating.Status!.Phase);
        Assert.Equal(["kubernetes"], terminating.Spec!.Finalizers);
        var conditions = terminating.Status.Conditions!.ToDictionary(c => c.Type!, c => (c.Status, c.Reason, c.Message));
        Assert.Equal(
            ["NamespaceDeletionDiscoveryFailure", "NamespaceDeletionGroupVersionParsingFailure", "NamespaceDeletionContentFailure", "NamespaceContentRemaining", "NamespaceFinalizersRemaining"],
            terminating.Status.Conditions!.Select(c => c.Type));
        Assert.Equal(("True", "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances"), conditions["NamespaceContentRemaining"]);
        Assert.Equal(("True", "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: example.com/archive in 1 resource instances"), conditions["NamespaceFinalizersRemaining"]);
        Assert.Equal(("False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"), conditions["NamespaceDeletionContentFailure"]);
        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => configMaps.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "late" } }));
        Assert.Contains("because it is being terminated", refused.Message, StringComparison.Ordinal);

        await configMaps.PatchAsync("ledger", new Patch(PatchType.Merge, """{"metadata":{"finalizers":null}}"""u8.ToArray()));

        await Eventually.Until(() => namespaces.GetOrNullAsync("billing"), n => n is null, "the namespace to go once the finalizer is removed");
    }

    private static Namespace NewNamespace(string name) => new() { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = name } };
}
