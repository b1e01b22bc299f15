namespace Keelson.Core.Changes;

/// <summary>An approval of a change; it counts until <see cref="ExpiresAt"/>.</summary>
/// <param name="Approver">Who approved.</param>
/// <param name="Role">The role they held on every cluster of the change.</param>
/// <param name="Reason">Why they approved.</param>
/// <param name="ApprovedAt">When.</param>
/// <param name="ExpiresAt">Until when it counts.</param>
public sealed record ChangeApproval(string Approver, string Role, string Reason, DateTimeOffset ApprovedAt, DateTimeOffset ExpiresAt);
