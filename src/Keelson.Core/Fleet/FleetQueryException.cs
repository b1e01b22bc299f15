namespace Keelson.Core.Fleet;

/// <summary>A fleet query was malformed (a bad filter or continue token); the API answers 400 naming the field.</summary>
/// <param name="field">The query parameter at fault, e.g. <c>continue</c>.</param>
/// <param name="message">What was wrong and what to do.</param>
public sealed class FleetQueryException(string field, string message) : Exception(message)
{
    /// <summary>The query parameter at fault.</summary>
    public string Field { get; } = field;
}
