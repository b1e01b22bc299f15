namespace Keelson.Core.Flows.Executors;

/// <summary>A person's answer to an approval task.</summary>
/// <param name="Approved">Approved or rejected.</param>
/// <param name="By">Who answered.</param>
/// <param name="Reason">What they said.</param>
public sealed record ApprovalDecision(bool Approved, string By, string? Reason);
