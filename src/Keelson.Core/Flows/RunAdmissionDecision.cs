namespace Keelson.Core.Flows;

/// <summary>What <see cref="IRunAdmission"/> decided.</summary>
/// <param name="Allowed">Whether the run (or wave) may go.</param>
/// <param name="Reason">When refused: what blocked it and how to satisfy it.</param>
/// <param name="Ticket">What the admission wants back in <see cref="IRunAdmission.RunCreatedAsync"/> (e.g. a change id).</param>
public sealed record RunAdmissionDecision(bool Allowed, string? Reason = null, long? Ticket = null)
{
    /// <summary>Go, with nothing to remember.</summary>
    public static RunAdmissionDecision Admit { get; } = new(true);

    /// <summary>Refused for <paramref name="reason"/>.</summary>
    public static RunAdmissionDecision Refuse(string reason) => new(false, reason);
}
