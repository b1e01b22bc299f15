using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>The object a kube executor acts on, named by its inputs <c>cluster</c>, <c>apiVersion</c>, <c>kind</c>, <c>namespace</c>, <c>name</c>.</summary>
internal sealed record KubeObjectTarget(string Cluster, string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary>The inputs naming an object, for executors' input lists.</summary>
    public static IReadOnlyList<ExecutorInput> Inputs(string defaultApiVersion, string? defaultKind) =>
    [
        ExecutorInput.Require("cluster", FlowValueType.String, "the registered cluster"),
        ExecutorInput.Optional("apiVersion", FlowValueType.String, "the object's API version, e.g. apps/v1", defaultApiVersion),
        defaultKind is null
            ? ExecutorInput.Require("kind", FlowValueType.String, "the object's kind, e.g. Deployment")
            : ExecutorInput.Optional("kind", FlowValueType.String, "the object's kind", defaultKind),
        ExecutorInput.Optional("namespace", FlowValueType.String, "the object's namespace (omit for cluster-scoped kinds)"),
        ExecutorInput.Require("name", FlowValueType.String, "the object's name"),
    ];

    public static KubeObjectTarget From(TaskInputs inputs) => new(
        inputs.String("cluster"),
        inputs.OptionalString("apiVersion") ?? "v1",
        inputs.String("kind"),
        inputs.OptionalString("namespace"),
        inputs.String("name"));

    /// <summary><c>Deployment web/api</c>, as messages name it.</summary>
    public string Display => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name} on cluster {Cluster}";

    public async Task<(KubernetesClient Client, ResourceClient<GenericObject> Resource)> ResolveAsync(ClusterClients clusters, CancellationToken cancellationToken)
    {
        var client = await clusters.GetAsync(Cluster, cancellationToken);
        var resource = await client.ResourceAsync(ApiVersion, Kind, Namespace, cancellationToken);
        if (resource.Resource.Namespaced && Namespace is null)
        {
            throw new FlowTaskException(FlowErrorKind.Invalid, $"{Kind} is namespaced: give the namespace of \"{Name}\" under with: namespace");
        }

        return (client, resource);
    }
}
