using System.Globalization;
using System.Text;

namespace Keelson.Kubernetes.Selectors;

/// <summary>
/// One requirement of a label selector: a key, an operator and its values, such as <c>tier in (cache,db)</c>
/// (apimachinery's <c>labels.Requirement</c>).
/// </summary>
public sealed class LabelRequirement
{
    /// <summary>
    /// A requirement, checked as apimachinery's <c>NewRequirement</c> checks it: a valid key and values, at least one
    /// value for <c>in</c>/<c>notin</c>, exactly one for <c>=</c>, <c>==</c>, <c>!=</c> and (an integer) for
    /// <c>&gt;</c>/<c>&lt;</c>, none for <c>exists</c>/<c>!</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The requirement breaks one of these rules; the message says which.</exception>
    public LabelRequirement(string key, SelectorOperator @operator, IEnumerable<string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var list = values?.ToArray() ?? [];
        if (Problem(key, @operator, list) is { } problem)
        {
            throw new ArgumentException(problem, nameof(values));
        }

        Key = key;
        Operator = @operator;
        Values = Array.AsReadOnly(list);
    }

    private LabelRequirement(string key, SelectorOperator @operator, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = @operator;
        Values = values;
    }

    /// <summary>The label key, e.g. <c>app</c> or <c>app.kubernetes.io/name</c>.</summary>
    public string Key { get; }

    /// <summary>How the label relates to <see cref="Values"/>.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The values, in the order given (a parsed selector gives them sorted and without duplicates).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Whether labels satisfy the requirement; null labels are no labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var present = labels is not null && labels.TryGetValue(Key, out value);
        return Operator switch
        {
            SelectorOperator.Equal or SelectorOperator.DoubleEqual or SelectorOperator.In => present && Values.Contains(value!),
            SelectorOperator.NotEqual or SelectorOperator.NotIn => !present || !Values.Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            SelectorOperator.GreaterThan or SelectorOperator.LessThan =>
                present
                && TryParseInteger(value!, out var actual)
                && Values.Count == 1
                && TryParseInteger(Values[0], out var bound)
                && (Operator == SelectorOperator.GreaterThan ? actual > bound : actual < bound),
            _ => false,
        };
    }

    /// <summary>
    /// The requirement in selector syntax, as apimachinery prints it: <c>!key</c>, <c>key</c>, <c>key=v</c>,
    /// <c>key==v</c>, <c>key!=v</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key&gt;1</c>, <c>key&lt;1</c>,
    /// with several values sorted.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Operator == SelectorOperator.DoesNotExist)
        {
            text.Append('!');
        }

        text.Append(Key);
        var (before, after) = Operator switch
        {
            SelectorOperator.Equal => ("=", ""),
            SelectorOperator.DoubleEqual => ("==", ""),
            SelectorOperator.NotEqual => ("!=", ""),
            SelectorOperator.In => (" in (", ")"),
            SelectorOperator.NotIn => (" notin (", ")"),
            SelectorOperator.GreaterThan => (">", ""),
            SelectorOperator.LessThan => ("<", ""),
            _ => ((string?)null, ""),
        };
        if (before is null)
        {
            return text.ToString();
        }

        IEnumerable<string> values = Values.Count == 1 ? Values : Values.Order(StringComparer.Ordinal);
        text.Append(before).AppendJoin(',', values).Append(after);
        return text.ToString();
    }

    // What is wrong with a requirement, or null; worded to fit both the selector syntax and the API object.
    internal static string? Problem(string key, SelectorOperator @operator, IReadOnlyList<string> values)
    {
        if (LabelSyntax.KeyProblem(key) is { } keyProblem)
        {
            return keyProblem;
        }

        var countProblem = @operator switch
        {
            SelectorOperator.In or SelectorOperator.NotIn when values.Count == 0 =>
                $"the in/notin requirement on \"{key}\" needs at least one value",
            SelectorOperator.Equal or SelectorOperator.DoubleEqual or SelectorOperator.NotEqual when values.Count != 1 =>
                $"the =, == or != requirement on \"{key}\" takes exactly one value, not {values.Count}",
            SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Count != 0 =>
                $"the exists/does-not-exist requirement on \"{key}\" takes no values, not {values.Count}",
            SelectorOperator.GreaterThan or SelectorOperator.LessThan when values.Count != 1 =>
                $"the > or < requirement on \"{key}\" takes exactly one integer value, not {values.Count}",
            SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Equal or SelectorOperator.DoubleEqual
                or SelectorOperator.NotEqual or SelectorOperator.Exists or SelectorOperator.DoesNotExist
                or SelectorOperator.GreaterThan or SelectorOperator.LessThan => null,
            _ => $"{@operator} is not a label selector operator",
        };
        if (countProblem is not null)
        {
            return countProblem;
        }

        foreach (var value in values)
        {
            if (LabelSyntax.ValueProblem(value) is { } valueProblem)
            {
                return valueProblem;
            }

            if (@operator is SelectorOperator.GreaterThan or SelectorOperator.LessThan && !TryParseInteger(value, out _))
            {
                return IntegerProblem(key, value);
            }
        }

        return null;
    }

    // For the parser, which checks each part where it reads it so that its message can point there.
    internal static LabelRequirement FromParsed(string key, SelectorOperator @operator, string[] values) =>
        new(key, @operator, Array.AsReadOnly(values));

    internal static string IntegerProblem(string key, string value) =>
        $"the > or < requirement on \"{key}\" needs an integer value, not \"{value}\"";

    // As Go's strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing else.
    internal static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
