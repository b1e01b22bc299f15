namespace Keelson.Core.Flows;

/// <summary>Why the flow service refused a request.</summary>
public enum FlowExceptionKind
{
    /// <summary>The flow, version, run or task does not exist.</summary>
    NotFound,

    /// <summary>The request is wrong (unknown or missing parameters, a command without its task).</summary>
    Invalid,

    /// <summary>The request collides with the current state (another apply at the same instant, a refused command).</summary>
    Conflict,
}
