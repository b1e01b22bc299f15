namespace Keelson.Core.Fleet;

/// <summary>A list or watch that keeps failing: the last error, since when, and when it was last seen failing.</summary>
internal sealed record WatchFailure(string Error, DateTimeOffset Since, DateTimeOffset LastSeen);
