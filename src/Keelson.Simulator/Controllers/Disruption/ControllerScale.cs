using System.Text.Json.Nodes;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Controllers.Disruption;

/// <summary>
/// The scale of the workload behind a pod's controller reference, found as the disruption
/// controller's finders find it: a ReplicationController, the Deployment of a ReplicaSet, a bare
/// ReplicaSet, a StatefulSet, else any kind with a <c>scale</c> subresource.
/// </summary>
internal sealed class ControllerScale
{
    private readonly SimulationContext _cluster;
    private readonly string _namespace;

    public ControllerScale(SimulationContext cluster, string @namespace)
    {
        _cluster = cluster;
        _namespace = @namespace;
    }

    /// <summary>The uid and desired replicas of the workload, or null when the reference leads nowhere.</summary>
    /// <exception cref="InvalidOperationException">The owner's kind is not served or has no scale subresource.</exception>
    public (string Uid, int Replicas)? Of(ControllerReference reference)
    {
        var group = reference.ApiVersion.Contains('/', StringComparison.Ordinal) ? reference.ApiVersion[..reference.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        switch (reference.Kind)
        {
            case "ReplicaSet" when group is "apps" or "extensions":
                if (Read("apps/v1", "ReplicaSet", reference) is not { } replicaSet)
                {
                    break;
                }

                if (OwnerOf(replicaSet) is not { Kind: "Deployment" } deployment)
                {
                    return (reference.Uid, Replicas(replicaSet));
                }

                if (Read("apps/v1", "Deployment", deployment) is { } owner)
                {
                    // A ReplicaSet of a Deployment counts as the Deployment's whole scale.
                    return (deployment.Uid, Replicas(owner));
                }

                break; // its Deployment is gone: the ReplicaSet's own scale subresource answers
            case "StatefulSet" when group == "apps":
                if (Read("apps/v1", "StatefulSet", reference) is { } set)
                {
                    return (reference.Uid, Replicas(set));
                }

                break;
        }

        var kind = _cluster.Store.Catalog.Kinds.FirstOrDefault(k => k.Resource.Kind == reference.Kind && k.Resource.Group == group)
            ?? throw new InvalidOperationException($"no matches for kind \"{reference.Kind}\" in version \"{reference.ApiVersion}\"");
        if (!kind.Subresources.Contains("scale"))
        {
            throw new InvalidOperationException($"{kind.Resource.Plural}{(group.Length > 0 ? "." + group : "")} does not implement the scale subresource");
        }

        return _cluster.Registry.Get(kind, _namespace, reference.Name) is { } scaled && scaled.Uid == reference.Uid
            ? (scaled.Uid, Replicas(ObjectRegistry.Parse(scaled)))
            : null;
    }

    private JsonObject? Read(string apiVersion, string kind, ControllerReference reference)
    {
        var resource = _cluster.Store.Catalog.ByKind(apiVersion, kind)!;
        return _cluster.Registry.Get(resource, _namespace, reference.Name) is { } stored && stored.Uid == reference.Uid ? ObjectRegistry.Parse(stored) : null;
    }

    private static ControllerReference? OwnerOf(JsonObject obj)
    {
        foreach (var owner in obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
        {
            if (owner?["controller"]?.GetValue<bool>() == true)
            {
                return new ControllerReference(
                    owner["apiVersion"]?.GetValue<string>() ?? "",
                    owner["kind"]?.GetValue<string>() ?? "",
                    owner["name"]?.GetValue<string>() ?? "",
                    owner["uid"]?.GetValue<string>() ?? "");
            }
        }

        return null;
    }

    /// <summary><c>spec.replicas</c>, which defaults to 1.</summary>
    private static int Replicas(JsonObject workload) => workload["spec"]?["replicas"]?.GetValue<int>() ?? 1;
}
