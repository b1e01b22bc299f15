namespace Keelson.Core.Audit;

/// <summary>What verification found wrong with the chain.</summary>
public enum AuditProblemKind
{
    /// <summary>A record's content no longer matches its hash, or the next record's link to it.</summary>
    Changed,

    /// <summary>A sequence number is missing: a record was deleted.</summary>
    Removed,
}
