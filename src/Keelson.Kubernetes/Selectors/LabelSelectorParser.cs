namespace Keelson.Kubernetes.Selectors;

/// <summary>
/// Parses the label selector syntax as apimachinery's <c>labels.Parse</c> does: the same tokens (whitespace is
/// space, tab, CR and LF; <c>= == != ! ( ) , &gt; &lt;</c> are symbols; <c>in</c> and <c>notin</c> are keywords
/// except where a value is expected) and the same grammar, including its leniencies: <c>x=</c> means the empty
/// value and <c>x in ()</c> or <c>x in (a,)</c> include it.
/// </summary>
internal sealed class LabelSelectorParser
{
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _next;

    private LabelSelectorParser(string text)
    {
        _text = text;
        Scan();
    }

    private enum Kind
    {
        End,
        Identifier,
        In,
        NotIn,
        Not,
        Equal,
        DoubleEqual,
        NotEqual,
        GreaterThan,
        LessThan,
        OpenParen,
        CloseParen,
        Comma,
    }

    /// <summary>The requirements of <paramref name="text"/>, in the order written.</summary>
    /// <exception cref="FormatException">The text is not a label selector; the message quotes it and says where.</exception>
    public static List<LabelRequirement> Parse(string text) => new LabelSelectorParser(text).ParseSelector();

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var token = Peek(inValues: true);
            if (token.Kind == Kind.End)
            {
                return requirements;
            }

            if (token.Kind is not (Kind.Identifier or Kind.Not))
            {
                throw Error(token, "expected '!', a label key or the end");
            }

            requirements.Add(ParseRequirement());
            var after = Take(inValues: true);
            if (after.Kind == Kind.End)
            {
                return requirements;
            }

            if (after.Kind != Kind.Comma)
            {
                throw Error(after, "expected ',' or the end");
            }

            if (Peek(inValues: true) is { Kind: not (Kind.Identifier or Kind.Not) } next)
            {
                throw Error(next, "expected a label key after ','");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var token = Take(inValues: true);
        var negated = token.Kind == Kind.Not;
        if (negated)
        {
            token = Take(inValues: true);
        }

        if (token.Kind != Kind.Identifier)
        {
            throw Error(token, "expected a label key");
        }

        var key = token.Text;
        if (LabelSyntax.KeyProblem(key) is { } keyProblem)
        {
            throw Error(token, keyProblem);
        }

        // '!key' ends the requirement whatever follows; anything but ',' or the end then fails in the caller.
        if (negated || Peek(inValues: true).Kind is Kind.End or Kind.Comma)
        {
            return LabelRequirement.FromParsed(key, negated ? SelectorOperator.DoesNotExist : SelectorOperator.Exists, []);
        }

        var operatorToken = Take(inValues: false);
        var @operator = operatorToken.Kind switch
        {
            Kind.In => SelectorOperator.In,
            Kind.NotIn => SelectorOperator.NotIn,
            Kind.Equal => SelectorOperator.Equal,
            Kind.DoubleEqual => SelectorOperator.DoubleEqual,
            Kind.NotEqual => SelectorOperator.NotEqual,
            Kind.GreaterThan => SelectorOperator.GreaterThan,
            Kind.LessThan => SelectorOperator.LessThan,
            _ => throw Error(operatorToken, "expected an operator: in, notin, =, ==, !=, > or <"),
        };
        var values = @operator is SelectorOperator.In or SelectorOperator.NotIn ? ParseValueSet() : ParseExactValue(key, @operator);

        // A parsed selector holds its values as a set, as apimachinery's does: sorted, without duplicates.
        return LabelRequirement.FromParsed(key, @operator, [.. values.Select(v => v.Text).Distinct().Order(StringComparer.Ordinal)]);
    }

    private List<Token> ParseValueSet()
    {
        var open = Take(inValues: true);
        if (open.Kind != Kind.OpenParen)
        {
            throw Error(open, "expected '('");
        }

        var first = Peek(inValues: true);
        if (first.Kind == Kind.CloseParen)
        {
            // "x in ()" holds the empty value.
            Take(inValues: true);
            return [first with { Text = "" }];
        }

        if (first.Kind is not (Kind.Identifier or Kind.Comma))
        {
            throw Error(first, "expected a value, ',' or ')'");
        }

        var values = new List<Token>();
        while (true)
        {
            var token = Take(inValues: true);
            switch (token.Kind)
            {
                case Kind.Identifier:
                    values.Add(CheckedValue(token));
                    var next = Peek(inValues: true);
                    if (next.Kind == Kind.CloseParen)
                    {
                        Take(inValues: true);
                        return values;
                    }

                    if (next.Kind != Kind.Comma)
                    {
                        throw Error(next, "expected ',' or ')'");
                    }

                    break;
                case Kind.Comma:
                    // A comma with no value before or after it stands for the empty value: "(,a)", "(a,,b)", "(a,)".
                    if (values.Count == 0)
                    {
                        values.Add(token with { Text = "" });
                    }

                    var after = Peek(inValues: true);
                    if (after.Kind == Kind.CloseParen)
                    {
                        Take(inValues: true);
                        values.Add(token with { Text = "" });
                        return values;
                    }

                    if (after.Kind == Kind.Comma)
                    {
                        values.Add(token with { Text = "" });
                    }

                    break;
                default:
                    throw Error(token, "expected a value or ','");
            }
        }
    }

    private List<Token> ParseExactValue(string key, SelectorOperator @operator)
    {
        var token = Peek(inValues: true);
        if (token.Kind is Kind.End or Kind.Comma)
        {
            // "x=" means the empty value.
            token = token with { Kind = Kind.Identifier, Text = "" };
        }
        else
        {
            Take(inValues: true);
            if (token.Kind != Kind.Identifier)
            {
                throw Error(token, "expected a value");
            }
        }

        CheckedValue(token);
        if (@operator is SelectorOperator.GreaterThan or SelectorOperator.LessThan && !LabelRequirement.TryParseInteger(token.Text, out _))
        {
            throw Error(token, LabelRequirement.IntegerProblem(key, token.Text));
        }

        return [token];
    }

    private Token CheckedValue(Token token) =>
        LabelSyntax.ValueProblem(token.Text) is { } problem ? throw Error(token, problem) : token;

    // In a value position the keywords are plain values, so "x in (in,notin)" and "in=notin" work.
    private Token Peek(bool inValues)
    {
        var token = _tokens[_next];
        return inValues && token.Kind is Kind.In or Kind.NotIn ? token with { Kind = Kind.Identifier } : token;
    }

    private Token Take(bool inValues)
    {
        var token = Peek(inValues);
        if (token.Kind != Kind.End)
        {
            _next++;
        }

        return token;
    }

    private FormatException Error(Token at, string problem)
    {
        var found = at.Kind == Kind.End ? "the end" : $"'{at.Text}'";
        var where = at.Kind == Kind.End ? "at the end" : $"at character {at.Position + 1}";
        var detail = problem.StartsWith("expected", StringComparison.Ordinal) ? $"found {found}, {problem}" : problem;
        return new FormatException($"label selector \"{_text}\" is not valid {where}: {detail}");
    }

    private void Scan()
    {
        var pos = 0;
        while (true)
        {
            while (pos < _text.Length && IsWhitespace(_text[pos]))
            {
                pos++;
            }

            if (pos == _text.Length)
            {
                _tokens.Add(new Token(Kind.End, "", pos));
                return;
            }

            var start = pos;
            if (IsSymbol(_text[pos]))
            {
                // The longest symbol wins: "!=" and "==" are one token, "=!" or ">=" are two.
                var pair = pos + 1 < _text.Length ? _text.Substring(pos, 2) : "";
                var text = pair is "!=" or "==" ? pair : _text[pos].ToString();
                pos += text.Length;
                _tokens.Add(new Token(SymbolKind(text), text, start));
                continue;
            }

            while (pos < _text.Length && !IsSymbol(_text[pos]) && !IsWhitespace(_text[pos]))
            {
                pos++;
            }

            var word = _text[start..pos];
            _tokens.Add(new Token(word switch { "in" => Kind.In, "notin" => Kind.NotIn, _ => Kind.Identifier }, word, start));
        }
    }

    private static Kind SymbolKind(string symbol) => symbol switch
    {
        "!" => Kind.Not,
        "=" => Kind.Equal,
        "==" => Kind.DoubleEqual,
        "!=" => Kind.NotEqual,
        ">" => Kind.GreaterThan,
        "<" => Kind.LessThan,
        "(" => Kind.OpenParen,
        ")" => Kind.CloseParen,
        _ => Kind.Comma,
    };

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private readonly record struct Token(Kind Kind, string Text, int Position);
}
