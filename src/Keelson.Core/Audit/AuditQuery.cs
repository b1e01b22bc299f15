namespace Keelson.Core.Audit;

/// <summary>
/// Which audit records to read, newest first. Every filter given must match; text filters match exactly.
/// Page on by passing the previous page's <see cref="AuditPage.NextBefore"/> as <see cref="Before"/>.
/// </summary>
public sealed record AuditQuery
{
    /// <summary>The most records one page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Records at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Records of this actor (user name).</summary>
    public string? Actor { get; init; }

    /// <summary>Records about this target, e.g. <c>cluster/prod-a</c>.</summary>
    public string? Target { get; init; }

    /// <summary>Records of this action, e.g. <c>login</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Records with this outcome.</summary>
    public AuditOutcome? Outcome { get; init; }

    /// <summary>Only records with a lower sequence number (the keyset cursor).</summary>
    public long? Before { get; init; }

    /// <summary>Page size, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
