namespace Keelson.Core.Flows.Engine;

/// <summary>A replica's claim on a run: every write it makes for the run checks the claim is still its own.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Owner">The replica's name.</param>
/// <param name="Epoch">The claim's number; a new owner raises it, so an old owner's writes fail.</param>
internal sealed record RunLease(long RunId, string Owner, long Epoch);
