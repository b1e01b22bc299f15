namespace Keelson.Simulator.Kubelet;

/// <summary>
/// The kubelet's per-container back-off (client-go's flowcontrol.Backoff): the first failure
/// is retried at once and starts a window of the initial delay; a failure inside the window
/// waits for its end, and each retry doubles the window up to the maximum. A window that has
/// been quiet for twice the maximum starts over. Made at a container's first failure: most
/// containers never fail.
/// </summary>
internal sealed class Backoff
{
    private DateTimeOffset? _updated;

    /// <summary>The current window.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>When the window ends, if a failure at <paramref name="at"/> falls inside it; else null.</summary>
    public DateTimeOffset? WaitUntil(DateTimeOffset at) =>
        _updated is { } updated && at - updated < Duration ? updated + Duration : null;

    /// <summary>Records a retry at <paramref name="at"/>: a new window, doubled unless this is the first or it expired.</summary>
    public void Next(DateTimeOffset at, TimeSpan initial, TimeSpan max)
    {
        Duration = _updated is { } updated && at - updated <= max * 2
            ? (Duration * 2 > max ? max : Duration * 2)
            : initial;
        _updated = at;
    }
}
