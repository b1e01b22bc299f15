namespace Keelson.Core.Changes;

/// <summary>One rule's verdict on a change at one point (start, before or after a wave).</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Version">The rule's version.</param>
/// <param name="Kind">What it checks.</param>
/// <param name="Verdict"><c>allow</c>, <c>block</c> or <c>needs-approval</c>.</param>
/// <param name="Message">Why; for a block, how to satisfy the rule.</param>
public sealed record ChangeCheck(string Rule, int Version, ChangeRuleKind Kind, string Verdict, string Message)
{
    /// <summary>The rule allows the change.</summary>
    public const string Allow = "allow";

    /// <summary>The rule blocks the change.</summary>
    public const string Block = "block";

    /// <summary>The rule wants approvals the change does not have yet.</summary>
    public const string NeedsApproval = "needs-approval";

    /// <summary>Whether this verdict holds the change back.</summary>
    public bool Holds => Verdict != Allow;
}
