namespace Keelson.Core.Audit;

/// <summary>The first place where the audit chain is broken.</summary>
/// <param name="Kind">Changed or removed.</param>
/// <param name="Sequence">The sequence number of the changed or missing record.</param>
/// <param name="Time">The time of the changed record, or of the last intact record before a missing one (null when the first is missing).</param>
/// <param name="Message">What is wrong, in a sentence an operator can act on.</param>
public sealed record AuditProblem(AuditProblemKind Kind, long Sequence, DateTimeOffset? Time, string Message);
