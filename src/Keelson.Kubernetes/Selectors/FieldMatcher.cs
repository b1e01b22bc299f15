using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Keelson.Kubernetes.Selectors;

/// <summary>
/// A field selector that can match objects: the syntax of <c>kubectl --field-selector</c> and the <c>fieldSelector</c>
/// query parameter (<c>status.phase!=Running,spec.nodeName=node-1</c>), behaving as apimachinery's <c>fields.Selector</c>.
/// </summary>
public sealed class FieldMatcher
{
    private readonly FieldRequirement[] _requirements;

    /// <summary>All of <paramref name="requirements"/>, kept in the order of their text, so the selector text is canonical.</summary>
    public FieldMatcher(IEnumerable<FieldRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        _requirements = [.. requirements.OrderBy(r => r.ToString(), StringComparer.Ordinal)];
    }

    private FieldMatcher(FieldRequirement[] requirements) => _requirements = requirements;

    /// <summary>Matches every object; its text is empty.</summary>
    public static FieldMatcher Everything { get; } = new(Array.Empty<FieldRequirement>());

    /// <summary>The requirements, all of which must hold.</summary>
    public IReadOnlyList<FieldRequirement> Requirements => _requirements;

    /// <summary>Whether this matches every object (it has no requirements).</summary>
    public bool IsEverything => _requirements.Length == 0;

    /// <summary>
    /// Parses the field selector syntax exactly as apimachinery's <c>fields.ParseSelector</c>: terms separated by
    /// unescaped commas, each <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> split at the first
    /// operator; in a value, <c>\,</c>, <c>\=</c> and <c>\\</c> stand for <c>,</c>, <c>=</c> and <c>\</c>. Nothing is
    /// trimmed; empty terms are skipped, so empty text matches everything.
    /// </summary>
    /// <exception cref="FormatException">The text is not a field selector; the message quotes it, the bad term and where it is.</exception>
    public static FieldMatcher Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var requirements = new List<FieldRequirement>();

        // apimachinery sorts the raw terms before reading them; that order is the canonical one.
        foreach (var (term, start) in SplitTerms(selector).OrderBy(t => t.Term, StringComparer.Ordinal))
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (opAt, op) = FindOperator(term);
            if (opAt < 0)
            {
                throw Error(selector, start, $"term \"{term}\" has no operator; write field=value, field==value or field!=value");
            }

            var valueStart = opAt + op.Length;
            var value = Unescape(selector, term[valueStart..], start + valueStart);
            requirements.Add(new FieldRequirement(term[..opAt], op == "!=" ? SelectorOperator.NotEqual : SelectorOperator.Equal, value));
        }

        return new FieldMatcher(requirements.ToArray());
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? selector, [NotNullWhen(true)] out FieldMatcher? matcher)
    {
        matcher = null;
        if (selector is null)
        {
            return false;
        }

        try
        {
            matcher = Parse(selector);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Escapes a literal value for a field selector: <c>\</c>, <c>,</c> and <c>=</c> get a backslash.</summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace(",", @"\,", StringComparison.Ordinal)
            .Replace("=", @"\=", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether every requirement holds, reading fields through <paramref name="getField"/> (which returns null for a
    /// field it does not know; that counts as empty, as in apimachinery).
    /// </summary>
    public bool Matches(Func<string, string?> getField)
    {
        ArgumentNullException.ThrowIfNull(getField);
        return _requirements.All(r => r.Matches(getField));
    }

    /// <summary>
    /// The value <paramref name="field"/> must have, from the first <c>=</c> requirement on it (apimachinery's
    /// <c>RequiresExactMatch</c>), so a server can look objects up by name or node instead of scanning them all.
    /// </summary>
    public bool TryGetExactMatch(string field, [NotNullWhen(true)] out string? value)
    {
        value = _requirements.FirstOrDefault(r => r.Field == field && r.Operator == SelectorOperator.Equal)?.Value;
        return value is not null;
    }

    /// <summary>
    /// The canonical selector text, as apimachinery prints it: terms joined by <c>,</c>, <c>==</c> written as <c>=</c>,
    /// values escaped (<c>spec.nodeName=node-1,status.phase!=Failed</c>); empty for <see cref="Everything"/>.
    /// </summary>
    public override string ToString() => string.Join(',', _requirements.Select(r => r.ToString()));

    /// <summary>
    /// The value to send as the <c>fieldSelector</c> query parameter of a list or watch (URL-encode it like any query
    /// value); it parses back to the same requirements.
    /// </summary>
    public string ToQueryValue() => ToString();

    // Terms are split at commas that are not escaped; each keeps its escapes and its start in the selector.
    private static List<(string Term, int Start)> SplitTerms(string selector)
    {
        var terms = new List<(string, int)>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < selector.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (selector[i] == '\\')
            {
                escaped = true;
            }
            else if (selector[i] == ',')
            {
                terms.Add((selector[start..i], start));
                start = i + 1;
            }
        }

        terms.Add((selector[start..], start));
        return terms;
    }

    // The first place any operator starts, preferring "!=", then "==", then "=" there; the field part has no escapes.
    private static (int At, string Operator) FindOperator(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in (ReadOnlySpan<string>)["!=", "==", "="])
            {
                if (term.AsSpan(i).StartsWith(op, StringComparison.Ordinal))
                {
                    return (i, op);
                }
            }
        }

        return (-1, "");
    }

    private static string Unescape(string selector, string raw, int start)
    {
        var value = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is ',' or '=')
            {
                throw Error(selector, start + i, $"the value \"{raw}\" has an unescaped '{c}'; write \\{c} for a literal '{c}'");
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i + 1 == raw.Length || raw[i + 1] is not ('\\' or ',' or '='))
            {
                var sequence = i + 1 == raw.Length ? @"\" : raw.Substring(i, 2);
                throw Error(selector, start + i, $"the value \"{raw}\" has an invalid escape \"{sequence}\"; only \\\\, \\, and \\= are escapes");
            }

            value.Append(raw[++i]);
        }

        return value.ToString();
    }

    private static FormatException Error(string selector, int at, string problem) =>
        new($"field selector \"{selector}\" is not valid at character {at + 1}: {problem}");
}
