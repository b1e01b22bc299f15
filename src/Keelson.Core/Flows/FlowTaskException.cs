namespace Keelson.Core.Flows;

/// <summary>
/// A task attempt failed. Executors throw it with a kind (which decides whether <c>retry</c> tries
/// again) and a message that names the object and says what to do.
/// </summary>
public sealed class FlowTaskException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why it failed.</param>
    /// <param name="message">What was wrong, where, and what to do.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public FlowTaskException(FlowErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>Why it failed.</summary>
    public FlowErrorKind Kind { get; }
}
