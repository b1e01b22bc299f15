namespace Keelson.Core.Guardrails;

/// <summary>The emergency brake: while engaged, no destructive action runs anywhere in the fleet.</summary>
/// <param name="Engaged">Whether it is on.</param>
/// <param name="Reason">Why it was pulled.</param>
/// <param name="EngagedBy">Who pulled it.</param>
/// <param name="EngagedAt">When.</param>
public sealed record EmergencyBrake(bool Engaged, string? Reason, string? EngagedBy, DateTimeOffset? EngagedAt)
{
    /// <summary>Released.</summary>
    public static EmergencyBrake Off { get; } = new(false, null, null, null);
}
