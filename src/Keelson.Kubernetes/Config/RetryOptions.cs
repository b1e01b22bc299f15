namespace Keelson.Kubernetes.Config;

/// <summary>Retry with exponential backoff and jitter, honouring <c>Retry-After</c>.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, including the first. 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubles with each one.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one delay (also caps a server's <c>Retry-After</c>).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}
