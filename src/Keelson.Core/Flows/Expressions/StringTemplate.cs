using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// A string holding <c>${{ expression }}</c> parts. A string that is exactly one such part evaluates
/// to the expression's value with its type (a number stays a number, a list a list); otherwise each
/// part is replaced by its value as text.
/// </summary>
internal sealed class StringTemplate
{
    private const string Open = "${{";
    private const string Close = "}}";
    private readonly List<object> _parts;

    private StringTemplate(List<object> parts) => _parts = parts;

    public IEnumerable<FlowExpression> Expressions => _parts.OfType<FlowExpression>();

    /// <summary>Whether <paramref name="text"/> contains an expression at all.</summary>
    public static bool HasExpression(string text) => text.Contains(Open, StringComparison.Ordinal);

    /// <summary>Parses the parts of <paramref name="text"/>.</summary>
    /// <exception cref="ExpressionException">An expression is unclosed or invalid.</exception>
    public static StringTemplate Parse(string text)
    {
        var parts = new List<object>();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf(Open, at, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(text[at..]);
                break;
            }

            if (open > at)
            {
                parts.Add(text[at..open]);
            }

            var close = FindClose(text, open + Open.Length)
                ?? throw new ExpressionException($"\"{Open}\" at column {open + 1} has no closing \"{Close}\"");
            var inner = text[(open + Open.Length)..close];
            parts.Add(FlowExpression.Parse(inner));
            at = close + Close.Length;
        }

        return new StringTemplate(parts);
    }

    /// <summary>
    /// Parses a field that is one expression (<c>when</c>, <c>forEach</c>): written either bare
    /// (<c>params.drain</c>) or wrapped (<c>${{ params.drain }}</c>).
    /// </summary>
    /// <exception cref="ExpressionException">The text is not one valid expression.</exception>
    public static FlowExpression ParseSingle(string text)
    {
        var trimmed = text.Trim();
        if (!HasExpression(trimmed))
        {
            return FlowExpression.Parse(trimmed);
        }

        var template = Parse(trimmed);
        return template._parts is [FlowExpression single]
            ? single
            : throw new ExpressionException($"\"{trimmed}\" must be one expression, not text around ${{{{ }}}}");
    }

    public JsonNode? Evaluate(ExpressionScope scope)
    {
        if (_parts is [FlowExpression single])
        {
            return single.Evaluate(scope)?.DeepClone();
        }

        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part is FlowExpression e ? ExpressionValues.ToText(e.Evaluate(scope)) : (string)part);
        }

        return JsonValue.Create(text.ToString());
    }

    private static int? FindClose(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }
        }

        return null;
    }
}
