using Keelson.Core.Audit;

namespace Keelson.Core.Flows;

/// <summary>The flow service refused a request; the message says what was wrong and what to do.</summary>
public sealed class FlowException : Exception, IRefusedChange
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why.</param>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="errors">For invalid input: each field (e.g. <c>params.node</c>) and its problems.</param>
    public FlowException(FlowExceptionKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>Why.</summary>
    public FlowExceptionKind Kind { get; }

    /// <summary>For invalid input: each field and its problems.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
