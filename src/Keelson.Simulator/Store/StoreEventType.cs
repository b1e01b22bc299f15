namespace Keelson.Simulator.Store;

/// <summary>What a write did.</summary>
public enum StoreEventType
{
    /// <summary>An object was created.</summary>
    Added,

    /// <summary>An object was changed.</summary>
    Modified,

    /// <summary>An object was removed from storage.</summary>
    Deleted,
}
