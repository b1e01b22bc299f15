namespace Keelson.Core.Guardrails;

/// <summary>Why a guardrail operation was refused; the API maps each to an HTTP status.</summary>
public enum GuardrailErrorKind
{
    /// <summary>The input is wrong (400).</summary>
    Invalid,

    /// <summary>No such budget or circuit (404).</summary>
    NotFound,

    /// <summary>The brake or circuit is not in a state that allows it (409).</summary>
    Conflict,
}
