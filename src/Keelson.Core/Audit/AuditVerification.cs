namespace Keelson.Core.Audit;

/// <summary>The result of walking the audit chain.</summary>
/// <param name="RecordsChecked">How many records were read before the walk ended.</param>
/// <param name="HeadSequence">The last record's sequence number (0 when the log is empty).</param>
/// <param name="HeadHash">
/// The last record's hash. Keep it somewhere else (a ticket, a chat message): the chain proves every
/// record up to it, but cutting records off the end can only be noticed against a head kept elsewhere.
/// </param>
/// <param name="Problem">The first break found; null when the chain is intact.</param>
public sealed record AuditVerification(long RecordsChecked, long HeadSequence, string HeadHash, AuditProblem? Problem)
{
    /// <summary>True when every record matches its hash and links to the one before.</summary>
    public bool IsIntact => Problem is null;
}
