namespace Keelson.Core.Fleet;

/// <summary>The outcome of the latest API probe of a cluster.</summary>
/// <param name="At">When it was sent.</param>
/// <param name="Latency">How long the latest successful probe took; null before one succeeded.</param>
/// <param name="Error">Why the latest probe failed; null when it succeeded.</param>
/// <param name="FailingSince">When the current run of failed probes began.</param>
internal sealed record ProbeResult(DateTimeOffset At, TimeSpan? Latency, string? Error, DateTimeOffset? FailingSince);
