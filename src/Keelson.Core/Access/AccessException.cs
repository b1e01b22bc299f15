using Keelson.Core.Audit;
namespace Keelson.Core.Access;

/// <summary>An access operation was refused; the message says what was wrong and what to do.</summary>
public sealed class AccessException : Exception, IRefusedChange
{
    /// <summary>Creates the exception.</summary>
    public AccessException(AccessErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Why it was refused.</summary>
    public AccessErrorKind Kind { get; }
}
