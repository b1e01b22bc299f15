namespace Keelson.Kubernetes;

/// <summary>Which log lines of a pod to read.</summary>
public sealed record LogOptions
{
    /// <summary>The container; required when the pod has several.</summary>
    public string? Container { get; init; }

    /// <summary>Only the last N lines.</summary>
    public int? TailLines { get; init; }

    /// <summary>Only lines from the last N seconds.</summary>
    public int? SinceSeconds { get; init; }

    /// <summary>The previous (crashed) instance of the container.</summary>
    public bool Previous { get; init; }

    /// <summary>Prefix each line with its RFC 3339 time.</summary>
    public bool Timestamps { get; init; }
}
