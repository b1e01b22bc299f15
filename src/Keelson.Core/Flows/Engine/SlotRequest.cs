namespace Keelson.Core.Flows.Engine;

/// <summary>A task waiting for a worker: what the scheduler weighs (priority, flow, cluster) and how it is told.</summary>
internal sealed class SlotRequest(int priority, string flow, int flowLimit, string? cluster)
{
    private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Priority { get; } = priority;

    public string Flow { get; } = flow;

    /// <summary>How many tasks of <see cref="Flow"/> may run at once.</summary>
    public int FlowLimit { get; } = flowLimit;

    /// <summary>The cluster the task acts on (its <c>cluster</c> input), if any.</summary>
    public string? Cluster { get; } = cluster;

    /// <summary>Completes when a worker is granted; cancelled when the request is withdrawn.</summary>
    public Task Granted => _granted.Task;

    /// <summary>Whether a worker was granted (and must be released).</summary>
    public bool IsGranted { get; private set; }

    /// <summary>Set by the scheduler, under its lock.</summary>
    public bool TryGrant()
    {
        IsGranted = _granted.TrySetResult();
        return IsGranted;
    }

    /// <summary>Set by the scheduler, under its lock.</summary>
    public void Withdraw() => _granted.TrySetCanceled();
}
