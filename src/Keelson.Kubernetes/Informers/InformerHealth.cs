namespace Keelson.Kubernetes.Informers;

/// <summary>How current an informer's cache is.</summary>
/// <param name="Synced">The first full list has been loaded.</param>
/// <param name="Watching">A watch is open and delivering events.</param>
/// <param name="LastSync">When the cache last received a list or an event.</param>
/// <param name="Error">The last error while listing or watching, null once healthy again.</param>
/// <param name="FailingSince">When the current run of errors began.</param>
public sealed record InformerHealth(bool Synced, bool Watching, DateTimeOffset? LastSync, string? Error, DateTimeOffset? FailingSince);
