namespace Keelson.Simulator.Faults;

/// <summary>
/// Faults of a cluster's API server: added latency, a share of requests failing with a given
/// status, and watch streams cut. The HTTP layer reads it on every request.
/// </summary>
public sealed class ApiFaultState
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _watches = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Latency added to every request (zero: none).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The error injected, or null: status code, share of requests (0–1) and Retry-After for 429/503.</summary>
    public (int Code, double Rate, TimeSpan RetryAfter)? Errors { get; set; }

    /// <summary>Completes at the next cut; every open watch stream ends when it does.</summary>
    public Task NextWatchCut
    {
        get
        {
            lock (_lock)
            {
                return _watches.Task;
            }
        }
    }

    /// <summary>Ends every open watch stream now (clients resume from their last version).</summary>
    public void CutWatches()
    {
        TaskCompletionSource old;
        lock (_lock)
        {
            old = _watches;
            _watches = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.SetResult();
    }
}
