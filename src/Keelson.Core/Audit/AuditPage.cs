namespace Keelson.Core.Audit;

/// <summary>One page of audit records, newest first.</summary>
/// <param name="Records">The records.</param>
/// <param name="NextBefore">Pass as <see cref="AuditQuery.Before"/> for the next page; null when this was the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, long? NextBefore);
