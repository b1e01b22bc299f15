using Keelson.Simulator.Controllers.ReplicaSets;

namespace Keelson.Simulator.Controllers.Jobs;

/// <summary>
/// How long a job waits before replacing failed pods (kube's backoff record): the initial
/// back-off doubled for every failure since the last success, up to six minutes, counted
/// from the last failure.
/// </summary>
/// <param name="FailuresAfterLastSuccess">Pod failures since the last success.</param>
/// <param name="LastFailure">When the last of them finished.</param>
internal sealed record JobBackOff(int FailuresAfterLastSuccess, DateTimeOffset? LastFailure)
{
    /// <summary>No failures.</summary>
    public static JobBackOff None { get; } = new(0, null);

    /// <summary>The record after newly finished pods are seen.</summary>
    public JobBackOff After(IReadOnlyList<PodSummary> succeeded, IReadOnlyList<PodSummary> failed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        ArgumentNullException.ThrowIfNull(failed);
        DateTimeOffset Finished(PodSummary p) => p.FinishedAt ?? now;
        if (succeeded.Count == 0)
        {
            return failed.Count == 0 ? this : new JobBackOff(FailuresAfterLastSuccess + failed.Count, failed.Max(Finished));
        }

        // Only failures after the last success count.
        var lastSuccess = succeeded.Max(Finished);
        var later = failed.Where(p => Finished(p) > lastSuccess).ToList();
        return later.Count == 0 ? None : new JobBackOff(later.Count, later.Max(Finished));
    }

    /// <summary>How long to wait still before creating a replacement.</summary>
    public TimeSpan Remaining(TimeSpan initial, TimeSpan max, DateTimeOffset now)
    {
        if (FailuresAfterLastSuccess == 0 || LastFailure is not { } last)
        {
            return TimeSpan.Zero;
        }

        var backOff = initial;
        for (var i = 1; i < FailuresAfterLastSuccess && backOff < max; i++)
        {
            backOff *= 2;
        }

        backOff = backOff > max ? max : backOff;
        var elapsed = now - last;
        return backOff < elapsed ? TimeSpan.Zero : backOff - elapsed;
    }
}
