namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// An expression could not be parsed or evaluated. The message says what was wrong in the
/// expression's own terms; callers add where the expression came from (task and field).
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    public ExpressionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for a problem at a position of the expression text.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    /// <param name="position">The 0-based offset in the expression where the problem is.</param>
    public ExpressionException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 0-based offset in the expression text, for syntax errors.</summary>
    public int? Position { get; }
}
