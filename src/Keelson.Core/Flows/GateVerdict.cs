namespace Keelson.Core.Flows;

/// <summary>What the action gate decided.</summary>
public enum GateVerdict
{
    /// <summary>Go ahead.</summary>
    Allow,

    /// <summary>Refused: the task fails (never retried) with the reason.</summary>
    Deny,

    /// <summary>Hit the brakes: the run pauses in the visible "braked" state until an operator resumes it; the action is not taken.</summary>
    Brake,
}
