namespace Keelson.Simulator.Store;

/// <summary>A watch or continue token refers to a revision older than the history kept (410 Gone).</summary>
public sealed class ResourceExpiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResourceExpiredException(long requested, long oldest)
        : base($"too old resource version: {requested} ({oldest})")
    {
        Requested = requested;
        Oldest = oldest;
    }

    /// <summary>The revision asked for.</summary>
    public long Requested { get; }

    /// <summary>The oldest revision still available.</summary>
    public long Oldest { get; }
}
