namespace Keelson.Core.Audit;

/// <summary>How an audited call ended.</summary>
public enum AuditOutcome
{
    /// <summary>It did what was asked.</summary>
    Success,

    /// <summary>It was refused: not authenticated, not authorized, or throttled.</summary>
    Denied,

    /// <summary>It was allowed but did not complete (bad input, conflict, an error).</summary>
    Failed,
}
