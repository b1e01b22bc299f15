namespace Keelson.Simulator.Patching;

/// <summary>The kinds of PATCH request body kube-apiserver accepts, named by their content type.</summary>
public enum PatchKind
{
    /// <summary>RFC 6902 JSON patch: <c>application/json-patch+json</c>.</summary>
    JsonPatch,

    /// <summary>RFC 7386 JSON merge patch: <c>application/merge-patch+json</c>.</summary>
    MergePatch,

    /// <summary>Kubernetes strategic merge patch: <c>application/strategic-merge-patch+json</c>.</summary>
    StrategicMergePatch,

    /// <summary>Server-side apply: <c>application/apply-patch+yaml</c>; handled by <see cref="FieldManager.Apply"/>.</summary>
    Apply,
}
