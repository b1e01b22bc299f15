using Keelson.Core.Audit;

namespace Keelson.Core.Changes;

/// <summary>Change control refused a request; the message says what was wrong and what to do.</summary>
/// <param name="kind">Why.</param>
/// <param name="message">What was wrong and what to do.</param>
public sealed class ChangeException(ChangeErrorKind kind, string message) : Exception(message), IRefusedChange
{
    /// <summary>Why.</summary>
    public ChangeErrorKind Kind { get; } = kind;
}
