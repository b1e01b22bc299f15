namespace Keelson.Core.Fleet;

/// <summary>Why a cluster's view may be out of date, and since when.</summary>
/// <param name="Reason">What fails, e.g. <c>watch of pods: 503 Service Unavailable ...</c>.</param>
/// <param name="Since">When the current run of failures began (UTC).</param>
public sealed record StaleReason(string Reason, DateTime Since);
