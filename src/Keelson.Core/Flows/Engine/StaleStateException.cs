namespace Keelson.Core.Flows.Engine;

/// <summary>
/// A row changed between the driver's decision and its write; thrown inside a batched write so the
/// whole write is rolled back (a partial command must never commit).
/// </summary>
internal sealed class StaleStateException() : Exception("the run changed while the change was being written; look at it again and retry");
