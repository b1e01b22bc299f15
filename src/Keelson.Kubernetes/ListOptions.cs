namespace Keelson.Kubernetes;

/// <summary>Options of list and watch requests (<c>meta/v1 ListOptions</c>).</summary>
public sealed record ListOptions
{
    /// <summary>Label selector, e.g. <c>app=web,tier in (front,back)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, e.g. <c>spec.nodeName=node-1,status.phase!=Failed</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of a list; the answer carries a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// For a list: unset = most recent (a quorum read), <c>"0"</c> = any version (served from
    /// the cache). For a watch: the version to start after.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>NotOlderThan</c> or <c>Exact</c>, qualifying <see cref="ResourceVersion"/> of a list.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>Server-side timeout of a list or watch, in seconds.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Ask a watch for BOOKMARK events carrying the latest resource version (default true).</summary>
    public bool AllowWatchBookmarks { get; init; } = true;
}
