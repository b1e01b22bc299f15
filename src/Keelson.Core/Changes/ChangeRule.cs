namespace Keelson.Core.Changes;

/// <summary>One rule of the rule library. Fields other than the common ones apply to one <see cref="Kind"/>.</summary>
public sealed record ChangeRule
{
    /// <summary>The rule's name (a DNS label), unique in the library; versions are kept per name.</summary>
    public required string Name { get; init; }

    /// <summary>What it checks.</summary>
    public required ChangeRuleKind Kind { get; init; }

    /// <summary>Why the rule exists, shown with its verdicts.</summary>
    public string? Description { get; init; }

    /// <summary>A tag selector (<c>env=production,tier in (1,2)</c>): the rule applies to changes touching a matching cluster; all when null.</summary>
    public string? Clusters { get; init; }

    /// <summary>Freeze: the IANA time zone the windows and exception dates are written in (UTC when null).</summary>
    public string? TimeZone { get; init; }

    /// <summary>Freeze: the windows.</summary>
    public IReadOnlyList<FreezeWindow>? Windows { get; init; }

    /// <summary>Freeze: what may go through anyway.</summary>
    public IReadOnlyList<FreezeException>? Exceptions { get; init; }

    /// <summary>Approval: the role an approver needs on every cluster of the change (<c>admin</c> when null).</summary>
    public string? Role { get; init; }

    /// <summary>Approval: how many distinct approvers (1 when null).</summary>
    public int? Approvals { get; init; }

    /// <summary>Approval: how long an approval counts, e.g. <c>4h</c> (24h when null).</summary>
    public string? ExpiresAfter { get; init; }

    /// <summary>Approval: only when the blast radius exceeds one of these; on every matching change when null.</summary>
    public BlastThreshold? Above { get; init; }

    /// <summary>Concurrency: changes in progress allowed per cluster.</summary>
    public int? Limit { get; init; }

    /// <summary>Webhook: where the change is POSTed.</summary>
    public string? Url { get; init; }

    /// <summary>Webhook: how long to wait for the answer, e.g. <c>5s</c> (10s when null); no answer in time denies.</summary>
    public string? Timeout { get; init; }
}
