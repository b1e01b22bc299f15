using System.Diagnostics.CodeAnalysis;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Selectors;

/// <summary>
/// A label selector that can match labels: the string syntax of <c>kubectl -l</c> and the <c>labelSelector</c> query
/// parameter (<c>environment=production,tier in (frontend,backend),!canary</c>), or a <see cref="LabelSelector"/>
/// from an API object. It behaves as apimachinery's <c>labels.Selector</c>.
/// </summary>
public sealed class LabelMatcher
{
    private readonly LabelRequirement[]? _requirements;

    /// <summary>All of <paramref name="requirements"/>, kept in key order (stable for equal keys), as apimachinery orders them.</summary>
    public LabelMatcher(IEnumerable<LabelRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        _requirements = [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    private LabelMatcher(LabelRequirement[]? requirements) => _requirements = requirements;

    /// <summary>Matches every set of labels; its text is empty.</summary>
    public static LabelMatcher Everything { get; } = new(Array.Empty<LabelRequirement>());

    /// <summary>
    /// Matches nothing, as a missing <see cref="LabelSelector"/> does. It has no selector text: see <see cref="ToQueryValue"/>.
    /// </summary>
    public static LabelMatcher Nothing { get; } = new((LabelRequirement[]?)null);

    /// <summary>The requirements, all of which must hold, in key order; empty for <see cref="Everything"/> and <see cref="Nothing"/>.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements ?? [];

    /// <summary>Whether this matches every set of labels (it has no requirements).</summary>
    public bool IsEverything => _requirements is { Length: 0 };

    /// <summary>Whether this is <see cref="Nothing"/>, which matches no labels at all.</summary>
    public bool MatchesNothing => _requirements is null;

    /// <summary>
    /// Parses the selector syntax exactly as apimachinery's <c>labels.Parse</c>: requirements separated by commas, each
    /// <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>,
    /// <c>key notin (a,b)</c>, <c>key&gt;1</c> or <c>key&lt;1</c>; whitespace between tokens; empty text matches everything.
    /// </summary>
    /// <exception cref="FormatException">The text is not a label selector; the message quotes it, says where and what was expected.</exception>
    public static LabelMatcher Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new LabelMatcher(LabelSelectorParser.Parse(selector));
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? selector, [NotNullWhen(true)] out LabelMatcher? matcher)
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

    /// <summary>
    /// Evaluates a <see cref="LabelSelector"/> as apimachinery's <c>LabelSelectorAsSelector</c>: a null selector matches
    /// nothing, an empty one everything; <c>matchLabels</c> entries become <c>key=value</c> requirements and
    /// <c>matchExpressions</c> use <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is not valid; the message names it (e.g. <c>matchExpressions[1].operator</c>).</exception>
    public static LabelMatcher FromSelector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in (selector.MatchLabels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            string[] values = [value ?? ""];
            if (LabelRequirement.Problem(key, SelectorOperator.Equal, values) is { } problem)
            {
                throw new ArgumentException($"matchLabels[\"{key}\"]: {problem}", nameof(selector));
            }

            requirements.Add(LabelRequirement.FromParsed(key, SelectorOperator.Equal, values));
        }

        foreach (var (expression, index) in (selector.MatchExpressions ?? []).Select((e, i) => (e, i)))
        {
            var @operator = expression?.Operator switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                var other => throw new ArgumentException(
                    $"matchExpressions[{index}].operator: \"{other}\" is not a label selector operator; use In, NotIn, Exists or DoesNotExist",
                    nameof(selector)),
            };
            var key = expression!.Key ?? "";
            string[] values = [.. expression.Values ?? []];
            if (LabelRequirement.Problem(key, @operator, values) is { } problem)
            {
                throw new ArgumentException($"matchExpressions[{index}]: {problem}", nameof(selector));
            }

            requirements.Add(LabelRequirement.FromParsed(key, @operator, values));
        }

        return requirements.Count == 0 ? Everything : new LabelMatcher(requirements);
    }

    /// <summary>Whether every requirement holds for <paramref name="labels"/>; null labels are no labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels) =>
        _requirements is not null && _requirements.All(r => r.Matches(labels));

    /// <summary>
    /// The one value <paramref name="key"/> must have, when the first requirement on that key is <c>=</c>, <c>==</c>
    /// or <c>in</c> with a single value (apimachinery's <c>RequiresExactMatch</c>), so a server can look objects up in
    /// a label index instead of scanning them all.
    /// </summary>
    public bool TryGetExactMatch(string key, [NotNullWhen(true)] out string? value)
    {
        value = null;
        var requirement = Requirements.FirstOrDefault(r => r.Key == key);
        if (requirement is { Operator: SelectorOperator.Equal or SelectorOperator.DoubleEqual or SelectorOperator.In, Values.Count: 1 })
        {
            value = requirement.Values[0];
            return true;
        }

        return false;
    }

    /// <summary>
    /// The canonical selector text, as apimachinery prints it: requirements in key order joined by <c>,</c>, values of
    /// a set sorted (<c>environment in (production,qa),tier!=frontend</c>); empty for <see cref="Everything"/> and,
    /// as in apimachinery, for <see cref="Nothing"/>.
    /// </summary>
    public override string ToString() => string.Join(',', Requirements);

    /// <summary>
    /// The value to send as the <c>labelSelector</c> query parameter of a list or watch (URL-encode it like any query
    /// value); it parses back to the same requirements.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Nothing"/>: an empty parameter would select everything instead.</exception>
    public string ToQueryValue() => MatchesNothing
        ? throw new InvalidOperationException("a label selector that matches nothing has no query form (an empty labelSelector selects everything); skip the request instead")
        : ToString();
}
