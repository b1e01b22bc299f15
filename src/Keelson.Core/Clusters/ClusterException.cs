using Keelson.Core.Audit;

namespace Keelson.Core.Clusters;

/// <summary>A cluster operation failed; the message names the cluster, the cause and the fix.</summary>
/// <param name="kind">Why.</param>
/// <param name="message">What was wrong and what to do.</param>
/// <param name="inner">The underlying failure.</param>
public sealed class ClusterException(ClusterErrorKind kind, string message, Exception? inner = null) : Exception(message, inner), IRefusedChange
{
    /// <summary>Why it failed.</summary>
    public ClusterErrorKind Kind { get; } = kind;
}
