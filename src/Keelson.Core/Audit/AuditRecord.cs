namespace Keelson.Core.Audit;

/// <summary>One record of the audit log as stored.</summary>
/// <param name="Sequence">Position in the chain: 1, 2, 3, ... without gaps.</param>
/// <param name="Time">When it was recorded (millisecond precision).</param>
/// <param name="Actor">Who: a user name or <c>system:keelson</c>.</param>
/// <param name="SourceIp">From where, when known.</param>
/// <param name="Action">What, e.g. <c>cluster.add</c>.</param>
/// <param name="Target">To what, e.g. <c>cluster/prod-a</c>; empty when nothing.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Details">Extra facts as compact JSON, or null.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of the record before (64 zeros for the first).</param>
/// <param name="Hash">Lower-case hex SHA-256 over this record's fields and <see cref="PreviousHash"/>.</param>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string? SourceIp,
    string Action,
    string Target,
    AuditOutcome Outcome,
    string? Details,
    string PreviousHash,
    string Hash);
