namespace Keelson.Simulator.Store;

/// <summary>One committed write to a table, as watchers and controllers see it.</summary>
/// <param name="Type">Created, changed or removed.</param>
/// <param name="Object">The new state; for a removal, the last state (with the removal's resource version).</param>
/// <param name="Previous">
/// The state before a change or removal; null for a creation. In an event replayed from the watch
/// history it has no JSON (<see cref="StoredObject.ForSelectors"/>): a resumed watch only asks
/// whether that state was selected.
/// </param>
public sealed record StoreEvent(StoreEventType Type, StoredObject Object, StoredObject? Previous)
{
    /// <summary>The revision of the write.</summary>
    public long ResourceVersion => Object.ResourceVersion;
}
