using System.Text.Json;

namespace Keelson.Kubernetes.Resources;

/// <summary>An immutable snapshot of a workload's state, used for rollback (apps/v1 ControllerRevision).</summary>
public sealed class ControllerRevision : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>controllerrevisions</c> in <c>apps/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("apps", "v1", "ControllerRevision", "controllerrevisions", Namespaced: true);

    /// <summary>The serialized state (usually a strategic merge patch of the template).</summary>
    public JsonElement? Data { get; set; }

    /// <summary>Revision number of the state.</summary>
    public long? Revision { get; set; }
}
