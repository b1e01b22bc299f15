using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// Parses expression text by precedence: <c>||</c>, then <c>&amp;&amp;</c>, then comparisons, then
/// <c>!</c>, then member and index access on literals, names, calls, lists and parentheses.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<ExpressionToken> _tokens;
    private int _next;

    private ExpressionParser(List<ExpressionToken> tokens) => _tokens = tokens;

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(ExpressionLexer.Tokenize(text));
        if (parser.Peek.Kind == ExpressionTokenKind.End)
        {
            throw new ExpressionException("the expression is empty", 0);
        }

        var node = parser.Or();
        if (parser.Peek.Kind != ExpressionTokenKind.End)
        {
            throw new ExpressionException($"unexpected \"{parser.Peek.Text}\" after a complete expression; join conditions with && or ||", parser.Peek.Position);
        }

        return node;
    }

    private ExpressionToken Peek => _tokens[_next];

    private ExpressionToken Take() => _tokens[_next++];

    private ExpressionNode Or()
    {
        var left = And();
        while (Peek.Kind == ExpressionTokenKind.Or)
        {
            Take();
            left = new BinaryNode(ExpressionTokenKind.Or, left, And());
        }

        return left;
    }

    private ExpressionNode And()
    {
        var left = Comparison();
        while (Peek.Kind == ExpressionTokenKind.And)
        {
            Take();
            left = new BinaryNode(ExpressionTokenKind.And, left, Comparison());
        }

        return left;
    }

    private ExpressionNode Comparison()
    {
        var left = Unary();
        if (Peek.Kind is ExpressionTokenKind.Equal or ExpressionTokenKind.NotEqual or ExpressionTokenKind.Less
            or ExpressionTokenKind.LessOrEqual or ExpressionTokenKind.Greater or ExpressionTokenKind.GreaterOrEqual)
        {
            var op = Take();
            var right = Unary();
            if (Peek.Kind is ExpressionTokenKind.Equal or ExpressionTokenKind.NotEqual or ExpressionTokenKind.Less
                or ExpressionTokenKind.LessOrEqual or ExpressionTokenKind.Greater or ExpressionTokenKind.GreaterOrEqual)
            {
                throw new ExpressionException($"comparisons cannot be chained; use parentheses or join them with && (at \"{Peek.Text}\")", Peek.Position);
            }

            return new BinaryNode(op.Kind, left, right);
        }

        return left;
    }

    private ExpressionNode Unary()
    {
        if (Peek.Kind == ExpressionTokenKind.Not)
        {
            Take();
            return new NotNode(Unary());
        }

        return Postfix(Primary());
    }

    private ExpressionNode Postfix(ExpressionNode node)
    {
        while (true)
        {
            if (Peek.Kind == ExpressionTokenKind.Dot)
            {
                Take();
                var name = Take();
                if (name.Kind != ExpressionTokenKind.Identifier)
                {
                    throw new ExpressionException($"expected a name after '.', found {Found(name)}", name.Position);
                }

                node = new MemberNode(node, new LiteralNode(JsonValue.Create(name.Text)));
            }
            else if (Peek.Kind == ExpressionTokenKind.LeftBracket)
            {
                Take();
                var key = Or();
                Expect(ExpressionTokenKind.RightBracket, "']' to close the index");
                node = new MemberNode(node, key);
            }
            else
            {
                return node;
            }
        }
    }

    private ExpressionNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case ExpressionTokenKind.Number:
                return new LiteralNode(Number(token.Text));
            case ExpressionTokenKind.String:
                return new LiteralNode(JsonValue.Create(token.Text));
            case ExpressionTokenKind.LeftParen:
                var inner = Or();
                Expect(ExpressionTokenKind.RightParen, "')' to close the parenthesis");
                return inner;
            case ExpressionTokenKind.LeftBracket:
                return new ListNode(Arguments(ExpressionTokenKind.RightBracket, "']' to close the list"));
            case ExpressionTokenKind.Identifier:
                switch (token.Text)
                {
                    case "true":
                        return new LiteralNode(JsonValue.Create(true));
                    case "false":
                        return new LiteralNode(JsonValue.Create(false));
                    case "null":
                        return new LiteralNode(null);
                }

                if (Peek.Kind != ExpressionTokenKind.LeftParen)
                {
                    return new RootNode(token.Text);
                }

                var function = ExpressionFunctions.Find(token.Text)
                    ?? throw new ExpressionException($"unknown function \"{token.Text}\"; the functions are: {string.Join(", ", ExpressionFunctions.Names)}", token.Position);
                Take();
                var arguments = Arguments(ExpressionTokenKind.RightParen, $"')' to close the call of {function.Name}");
                if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
                {
                    throw new ExpressionException($"{function.Name}() was given {arguments.Count} argument(s); use {function.Usage}", token.Position);
                }

                return new CallNode(function, arguments);
            default:
                throw new ExpressionException($"expected a value (a name such as params.node, a number, a 'string', true, false or null), found {Found(token)}", token.Position);
        }
    }

    private List<ExpressionNode> Arguments(ExpressionTokenKind close, string what)
    {
        var arguments = new List<ExpressionNode>();
        if (Peek.Kind == close)
        {
            Take();
            return arguments;
        }

        while (true)
        {
            arguments.Add(Or());
            if (Peek.Kind == ExpressionTokenKind.Comma)
            {
                Take();
                continue;
            }

            Expect(close, what);
            return arguments;
        }
    }

    private void Expect(ExpressionTokenKind kind, string what)
    {
        var token = Take();
        if (token.Kind != kind)
        {
            throw new ExpressionException($"expected {what}, found {Found(token)}", token.Position);
        }
    }

    private static string Found(ExpressionToken token) =>
        token.Kind == ExpressionTokenKind.End ? "the end of the expression" : $"\"{token.Text}\"";

    private static JsonValue Number(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? JsonValue.Create(whole)
            : JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
}
