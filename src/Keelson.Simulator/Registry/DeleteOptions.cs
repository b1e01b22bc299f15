namespace Keelson.Simulator.Registry;

/// <summary>The parts of <c>meta/v1 DeleteOptions</c> the registry acts on.</summary>
public sealed record DeleteOptions
{
    /// <summary>Seconds before a pod is killed; 0 deletes at once. Null uses the pod's own grace period.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary><c>Background</c> (default), <c>Foreground</c> or <c>Orphan</c>.</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary>Delete only if the object still has this uid.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object is still at this resource version.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Validate only.</summary>
    public bool DryRun { get; init; }
}
