using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Tests.Schema;

public class SchemaRegistryTests
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.BuiltIn;

    [Theory]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "Node")]
    [InlineData("v1", "Pod")]
    [InlineData("v1", "Service")]
    [InlineData("v1", "Endpoints")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "Secret")]
    [InlineData("v1", "Event")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("events.k8s.io/v1", "Event")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("apps/v1", "ReplicaSet")]
    [InlineData("apps/v1", "StatefulSet")]
    [InlineData("apps/v1", "ControllerRevision")]
    [InlineData("apps/v1", "DaemonSet")]
    [InlineData("batch/v1", "Job")]
    [InlineData("coordination.k8s.io/v1", "Lease")]
    [InlineData("policy/v1", "PodDisruptionBudget")]
    [InlineData("policy/v1", "Eviction")]
    [InlineData("autoscaling/v1", "Scale")]
    [InlineData("metrics.k8s.io/v1beta1", "NodeMetrics")]
    [InlineData("metrics.k8s.io/v1beta1", "PodMetrics")]
    [InlineData("v1", "Status")]
    [InlineData("apps/v1", "DeploymentList")]
    public void For_ServedKind_HasSchemaCarryingItsGroupVersionKind(string apiVersion, string kind)
    {
        var schema = Registry.For(apiVersion, kind);

        Assert.NotNull(schema);
        Assert.Contains(GroupVersionKind.FromApiVersion(apiVersion, kind), schema.GroupVersionKinds);
        Assert.Equal(SchemaKind.Struct, schema.Kind);
        Assert.NotNull(schema.FindField("metadata"));
    }

    [Fact]
    public void Resources_EveryServedResource_HasTopLevelSchemaAndListSchema()
    {
        Assert.NotEmpty(Registry.Resources);
        foreach (var resource in Registry.Resources)
        {
            Assert.Same(resource.Schema, Registry.For(resource.GroupVersionKind));
            Assert.Equal(resource.Resource.Kind + "List", resource.ListSchema.ShortName);
        }
    }

    [Fact]
    public void Containers_MergeByNameInPatchesAndApply()
    {
        var containers = Registry.Definitions["io.k8s.api.core.v1.PodSpec"].FindField("containers")!;

        Assert.Equal("merge", containers.PatchStrategy);
        Assert.Equal("name", containers.PatchMergeKey);
        Assert.Equal(ListType.Map, containers.Type.DeclaredListType);
        Assert.Equal(["name"], containers.Type.ListMapKeys);
        Assert.Equal("io.k8s.api.core.v1.Container", containers.Type.Element!.Name);
    }

    [Fact]
    public void ContainerPorts_KeyedByPortAndProtocolWithProtocolDefaultingToTcp()
    {
        var container = Registry.Definitions["io.k8s.api.core.v1.Container"];
        var ports = container.FindField("ports")!;

        Assert.Equal("containerPort", ports.PatchMergeKey);
        Assert.Equal(["containerPort", "protocol"], ports.Type.ListMapKeys);
        Assert.Equal("TCP", ports.Type.Element!.FindField("protocol")!.Default!.GetValue<string>());
    }

    [Fact]
    public void Volumes_MergeByNameAndRetainKeys()
    {
        var volumes = Registry.Definitions["io.k8s.api.core.v1.PodSpec"].FindField("volumes")!;

        Assert.Equal("merge,retainKeys", volumes.PatchStrategy);
        Assert.NotNull(volumes.Type.Element!.FindField("configMap"));
        Assert.NotNull(volumes.Type.Element!.FindField("name"));
    }

    [Fact]
    public void EphemeralContainer_HasEveryContainerFieldAndItsTarget()
    {
        var ephemeral = Registry.Definitions["io.k8s.api.core.v1.EphemeralContainer"];
        var container = Registry.Definitions["io.k8s.api.core.v1.Container"];

        Assert.All(container.Fields, f => Assert.NotNull(ephemeral.FindField(f.Name)));
        Assert.NotNull(ephemeral.FindField("targetContainerName"));
    }

    [Fact]
    public void LabelSelector_IsAtomicForServerSideApply()
    {
        Assert.True(Registry.Definitions["io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"].IsAtomic);
    }

    [Fact]
    public void GoTypeName_ReadsLikeEncodingJson()
    {
        var spec = Registry.Definitions["io.k8s.api.apps.v1.DeploymentSpec"];

        Assert.Equal("int32", spec.FindField("replicas")!.Type.GoTypeName);
        Assert.Equal("v1.PodTemplateSpec", spec.FindField("template")!.Type.GoTypeName);
        Assert.Equal("[]v1.Container", Registry.Definitions["io.k8s.api.core.v1.PodSpec"].FindField("containers")!.Type.GoTypeName);
        Assert.Equal("map[string]string", Registry.Definitions["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"].FindField("labels")!.Type.GoTypeName);
    }

    [Fact]
    public void ParseErrors_NameTheSourceAndLine()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SchemaRegistry(
        [
            ("broken", "package io.example.v1 v1\ntype Thing\n  field NoSuchType\n"),
        ]));

        Assert.Contains("broken, line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchType", error.Message, StringComparison.Ordinal);
    }
}
