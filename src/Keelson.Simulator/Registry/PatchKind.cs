namespace Keelson.Simulator.Registry;

/// <summary>The PATCH body types kube-apiserver accepts.</summary>
public enum PatchKind
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,

    /// <summary><c>application/strategic-merge-patch+json</c>.</summary>
    StrategicMerge,

    /// <summary><c>application/apply-patch+yaml</c> (server-side apply).</summary>
    Apply,
}
