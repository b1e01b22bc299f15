namespace Keelson.Kubernetes;

/// <summary>The kinds of PATCH the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
    Json,

    /// <summary>Kubernetes strategic merge patch, merging lists by key (<c>application/strategic-merge-patch+json</c>).</summary>
    StrategicMerge,

    /// <summary>Server-side apply of a partial object (<c>application/apply-patch+yaml</c>).</summary>
    Apply,
}
