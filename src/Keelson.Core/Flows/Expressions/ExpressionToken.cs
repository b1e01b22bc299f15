namespace Keelson.Core.Flows.Expressions;

/// <summary>One token and where it starts (0-based offset into the expression text).</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, int Position);
