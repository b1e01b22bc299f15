using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>Pods made from a controller's template, as kube's <c>GetPodFromTemplate</c> makes them.</summary>
internal static class PodTemplates
{
    /// <summary>
    /// A pod with the template's labels, annotations, finalizers and spec, named
    /// <paramref name="generateName"/> plus a random suffix and controlled by <paramref name="owner"/>.
    /// </summary>
    public static Pod NewPod(PodTemplateSpec template, string @namespace, string generateName, OwnerReference owner)
    {
        ArgumentNullException.ThrowIfNull(template);
        var metadata = template.Metadata;
        return new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta
            {
                GenerateName = generateName,
                Namespace = @namespace,
                Labels = metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                Finalizers = metadata?.Finalizers is { } finalizers ? [.. finalizers] : null,
                OwnerReferences = [owner],
            },
            Spec = template.Spec,
        };
    }

    /// <summary>The owner reference a controller puts on what it creates: <c>controller</c> and <c>blockOwnerDeletion</c> true.</summary>
    public static OwnerReference ControllerReference(KubernetesObject owner, string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new OwnerReference
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }
}
