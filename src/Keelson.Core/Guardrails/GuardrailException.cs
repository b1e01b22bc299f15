using Keelson.Core.Audit;

namespace Keelson.Core.Guardrails;

/// <summary>A guardrail operation was refused; the message says what was wrong and what to do.</summary>
/// <param name="kind">Why.</param>
/// <param name="message">What was wrong and what to do.</param>
public sealed class GuardrailException(GuardrailErrorKind kind, string message) : Exception(message), IRefusedChange
{
    /// <summary>Why it was refused.</summary>
    public GuardrailErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status the API answers with.</summary>
    public int StatusCode => Kind switch
    {
        GuardrailErrorKind.NotFound => 404,
        GuardrailErrorKind.Conflict => 409,
        _ => 400,
    };
}
