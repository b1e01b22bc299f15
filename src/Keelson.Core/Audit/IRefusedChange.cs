namespace Keelson.Core.Audit;

/// <summary>
/// Marks an exception that refuses a change for a reason the caller gave (not found, conflict,
/// invalid input): <see cref="AuditedChange"/> records it as a failed attempt.
/// </summary>
public interface IRefusedChange;
