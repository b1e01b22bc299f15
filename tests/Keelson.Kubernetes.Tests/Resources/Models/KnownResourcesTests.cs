using System.Text;
using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources.Models;

public class KnownResourcesTests
{
    [Theory]
    [InlineData("v1", "Pod", "", "pods", true, typeof(Pod))]
    [InlineData("v1", "Node", "", "nodes", false, typeof(Node))]
    [InlineData("v1", "Namespace", "", "namespaces", false, typeof(Namespace))]
    [InlineData("v1", "Endpoints", "", "endpoints", true, typeof(Endpoints))]
    [InlineData("apps/v1", "Deployment", "apps", "deployments", true, typeof(Deployment))]
    [InlineData("apps/v1", "ControllerRevision", "apps", "controllerrevisions", true, typeof(ControllerRevision))]
    [InlineData("batch/v1", "Job", "batch", "jobs", true, typeof(Job))]
    [InlineData("coordination.k8s.io/v1", "Lease", "coordination.k8s.io", "leases", true, typeof(Lease))]
    [InlineData("policy/v1", "PodDisruptionBudget", "policy", "poddisruptionbudgets", true, typeof(PodDisruptionBudget))]
    [InlineData("metrics.k8s.io/v1beta1", "NodeMetrics", "metrics.k8s.io", "nodes", false, typeof(NodeMetrics))]
    [InlineData("metrics.k8s.io/v1beta1", "PodMetrics", "metrics.k8s.io", "pods", true, typeof(PodMetrics))]
    public void Find_ByApiVersionAndKind_GivesWhereTheKindLivesAndItsModel(
        string apiVersion, string kind, string group, string plural, bool namespaced, Type model)
    {
        var known = KnownResources.Find(apiVersion, kind);

        Assert.NotNull(known);
        Assert.Equal(group, known.Resource.Group);
        Assert.Equal(plural, known.Resource.Plural);
        Assert.Equal(namespaced, known.Resource.Namespaced);
        Assert.Equal(model, known.ModelType);
        Assert.Same(known, KnownResources.FindByPlural(apiVersion, plural));
    }

    [Fact]
    public void FindByPlural_Pods_DependsOnTheGroupVersion()
    {
        Assert.Equal(typeof(Pod), KnownResources.FindByPlural("v1", "pods")?.ModelType);
        Assert.Equal(typeof(PodMetrics), KnownResources.FindByPlural("metrics.k8s.io/v1beta1", "pods")?.ModelType);
    }

    [Theory]
    [InlineData("apps/v1beta1", "Deployment")]
    [InlineData("v1", "Deployment")]
    [InlineData("example.com/v1", "Widget")]
    [InlineData("v1", "pod")]
    public void Find_AnUnknownOrMiswrittenKind_FindsNothing(string apiVersion, string kind) =>
        Assert.Null(KnownResources.Find(apiVersion, kind));

    [Fact]
    public void All_EveryEntry_MatchesTheStaticResourceOfItsModel()
    {
        Assert.Equal(19, KnownResources.All.Count);
        foreach (var known in KnownResources.All)
        {
            var declared = known.ModelType.GetProperty(nameof(IKubernetesResource.Resource))!.GetValue(null);
            Assert.Equal(declared, known.Resource);
            Assert.Equal(known.ModelType.Name, known.Resource.Kind);
        }
    }

    [Fact]
    public void Deserialize_AKnownKind_GivesItsTypedModel()
    {
        var json = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}"""u8;

        var obj = KnownResources.Deserialize(json);

        var deployment = Assert.IsType<Deployment>(obj);
        Assert.Equal(2, deployment.Spec!.Replicas);
    }

    [Fact]
    public void Deserialize_ACustomResource_GivesAGenericObjectThatKeepsItsFields()
    {
        using var document = JsonDocument.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":3}}""");

        var obj = KnownResources.Deserialize(document.RootElement);

        var generic = Assert.IsType<GenericObject>(obj);
        Assert.Equal("w", generic.Metadata.Name);
        Assert.Equal(3, generic.Field("spec")!.Value.GetProperty("size").GetInt32());
    }

    [Fact]
    public void Deserialize_AnObjectWithoutKind_GivesAGenericObject()
    {
        var obj = KnownResources.Deserialize(Encoding.UTF8.GetBytes("""{"metadata":{"name":"x"},"spec":{}}"""));

        Assert.IsType<GenericObject>(obj);
    }

    [Fact]
    public void Deserialize_AJsonArray_FailsSayingAnObjectIsNeeded()
    {
        var error = Assert.Throws<JsonException>(() => KnownResources.Deserialize("[1,2]"u8));

        Assert.Contains("must be a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_AFieldOfTheWrongType_FailsNamingTheField()
    {
        var error = Assert.Throws<JsonException>(() =>
            KnownResources.Deserialize("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":"three"}}"""u8));

        Assert.Equal("$.spec.replicas", error.Path);
    }
}
