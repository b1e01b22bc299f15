using Keelson.Kubernetes.Informers;

namespace Keelson.Core.Fleet;

/// <summary>
/// Follows one informer's health from the once-a-second check. An informer reports itself healthy
/// each time it retries, before the retry has succeeded, so a failure is only cleared after
/// <see cref="RecoveryHold"/> without one; that keeps a cluster stale (with a steady "since")
/// through an outage instead of flickering.
/// </summary>
internal sealed class WatchTracker(string resource, Func<InformerHealth> health)
{
    /// <summary>How long an informer must go without failing before its failure is cleared.</summary>
    public static readonly TimeSpan RecoveryHold = TimeSpan.FromSeconds(3);

    private InformerHealth? _last;
    private WatchFailure? _failure;

    /// <summary>The resource watched, e.g. <c>pods</c>.</summary>
    public string Resource { get; } = resource;

    /// <summary>The informer's health right now.</summary>
    public InformerHealth Health => health();

    /// <summary>The failure in effect, or null.</summary>
    public WatchFailure? Failure => Volatile.Read(ref _failure);

    /// <summary>Samples the informer; returns whether it failed again since the last sample.</summary>
    public bool Check(DateTimeOffset now)
    {
        var current = health();
        var failedAgain = current.Error is not null && !ReferenceEquals(current, _last);
        _last = current;
        var failure = Failure;
        if (current.Error is { } error)
        {
            Volatile.Write(ref _failure, new WatchFailure(error, failure?.Since ?? current.FailingSince ?? now, now));
        }
        else if (failure is not null && now - failure.LastSeen >= RecoveryHold)
        {
            Volatile.Write(ref _failure, null);
        }

        return failedAgain;
    }
}
