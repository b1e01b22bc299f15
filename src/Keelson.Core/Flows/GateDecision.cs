namespace Keelson.Core.Flows;

/// <summary>The action gate's answer.</summary>
/// <param name="Verdict">Allow, deny or brake.</param>
/// <param name="Reason">Why (which rule, which budget); shown to operators and audited. Required unless allowed.</param>
public sealed record GateDecision(GateVerdict Verdict, string? Reason = null)
{
    /// <summary>Go ahead.</summary>
    public static GateDecision Allow { get; } = new(GateVerdict.Allow);

    /// <summary>Refuse the action; the task fails with <paramref name="reason"/>.</summary>
    public static GateDecision Deny(string reason) => new(GateVerdict.Deny, reason);

    /// <summary>Pause the run as "braked" with <paramref name="reason"/>; an operator resumes it.</summary>
    public static GateDecision Brake(string reason) => new(GateVerdict.Brake, reason);
}
