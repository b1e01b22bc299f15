namespace Keelson.Core.Changes;

/// <summary>The body of a rule apply: the file's text and its name (for error messages).</summary>
/// <param name="Text">The YAML (or JSON).</param>
/// <param name="Source">The file name; <c>rules.yaml</c> when null.</param>
public sealed record RuleFileRequest(string? Text, string? Source);
