namespace Keelson.Core.Flows.Expressions;

/// <summary>The kinds of token an expression is made of.</summary>
internal enum ExpressionTokenKind
{
    End,
    Identifier,
    Number,
    String,
    Dot,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Not,
}
