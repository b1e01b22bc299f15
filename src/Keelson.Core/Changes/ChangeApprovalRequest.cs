namespace Keelson.Core.Changes;

/// <summary>The body of an approval.</summary>
/// <param name="Reason">Why the approver approves (required, recorded and audited).</param>
public sealed record ChangeApprovalRequest(string? Reason);
