namespace Keelson.Kubernetes.Watch;

/// <summary>The type of a watch event.</summary>
public enum WatchEventType
{
    /// <summary>An object appeared (or was present when the watch started from no version).</summary>
    Added,

    /// <summary>An object changed.</summary>
    Modified,

    /// <summary>An object was removed; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change: only the latest resource version, to resume from after a reconnect.</summary>
    Bookmark,

    /// <summary>The watch failed; the event carries a Status (410 Gone: relist).</summary>
    Error,
}
