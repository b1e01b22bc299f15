namespace Keelson.Simulator.Controllers;

/// <summary>The object an event is about.</summary>
/// <param name="Kind">Its kind, e.g. <c>Pod</c>.</param>
/// <param name="ApiVersion">Its API version, e.g. <c>v1</c>.</param>
/// <param name="Namespace">Its namespace (empty for cluster-scoped objects).</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid.</param>
/// <param name="FieldPath">The part of it concerned, e.g. <c>spec.containers{web}</c>.</param>
public sealed record InvolvedObject(string Kind, string ApiVersion, string Namespace, string Name, string Uid, string? FieldPath = null)
{
    /// <summary>The involved object of a typed model.</summary>
    public static InvolvedObject Of(Kubernetes.Resources.KubernetesObject obj, string kind, string apiVersion, string? fieldPath = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(kind, apiVersion, obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "", obj.Metadata.Uid ?? "", fieldPath);
    }
}
