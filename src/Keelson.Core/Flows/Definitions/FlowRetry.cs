namespace Keelson.Core.Flows.Definitions;

/// <summary>How often and how soon a failed task attempt is tried again.</summary>
public sealed record FlowRetry
{
    /// <summary>How many more attempts after the first (0: none).</summary>
    public int Limit { get; init; }

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each further wait is the previous one times this factor (1: constant).</summary>
    public double Factor { get; init; } = 2;

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Which kinds of failure are retried (YAML <c>errors</c>; <c>any</c> for all). <see cref="FlowErrorKind.Invalid"/>
    /// and <see cref="FlowErrorKind.Denied"/> never are, even when listed.
    /// </summary>
    public IReadOnlyList<FlowErrorKind> Errors { get; init; } = [FlowErrorKind.Transient, FlowErrorKind.Conflict, FlowErrorKind.Timeout];

    /// <summary>The wait before attempt number <paramref name="attempt"/> + 1, after attempt <paramref name="attempt"/> failed.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var seconds = Backoff.TotalSeconds * Math.Pow(Factor, Math.Max(0, attempt - 1));
        return seconds >= MaxBackoff.TotalSeconds ? MaxBackoff : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Whether a failure of <paramref name="kind"/> after <paramref name="attempt"/> attempts is tried again.</summary>
    public bool Retries(FlowErrorKind kind, int attempt) =>
        attempt <= Limit && kind is not (FlowErrorKind.Invalid or FlowErrorKind.Denied) && Errors.Contains(kind);
}
