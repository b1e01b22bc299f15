using Keelson.Simulator.Store;

namespace Keelson.Simulator.Registry;

/// <summary>What a delete did.</summary>
/// <param name="Object">The object's state after the request: removed (last state) or terminating.</param>
/// <param name="Removed">Whether it left storage now (false: graceful deletion or finalizers pending).</param>
public sealed record DeleteOutcome(StoredObject Object, bool Removed);
