using System.Text.RegularExpressions;

namespace Keelson.Core.Access;

/// <summary>
/// A label selector over cluster tags, in Kubernetes' string syntax: <c>env=production</c>,
/// <c>env!=test</c>, <c>tier in (1,2)</c>, <c>tier notin (3)</c>, <c>gpu</c>, <c>!legacy</c>, joined by
/// commas (all must match). A stand-in until <c>Keelson.Kubernetes.Selectors.LabelMatcher</c> is on
/// main: <see cref="GrantScope"/> only calls <see cref="Parse"/> and <see cref="Matches"/>, so the swap
/// is one line in each.
/// </summary>
internal sealed partial class TagSelector
{
    private readonly List<Requirement> _requirements;

    private TagSelector(List<Requirement> requirements) => _requirements = requirements;

    /// <exception cref="FormatException">The text is not a selector; the message quotes the part that is wrong.</exception>
    public static TagSelector Parse(string text)
    {
        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        if (requirements.Count == 0)
        {
            throw new FormatException("the selector is empty; to cover every cluster, grant on all clusters instead");
        }

        return new TagSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> tags) => _requirements.All(r => r.Matches(tags));

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (text[start..].Trim().Length > 0 || start > 0)
        {
            yield return text[start..];
        }
    }

    private static Requirement ParseRequirement(string part, string whole)
    {
        Match match;
        if ((match = SetPattern().Match(part)).Success)
        {
            var values = match.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToList();
            foreach (var value in values)
            {
                CheckValue(value, part);
            }

            return new Requirement(CheckKey(match.Groups["key"].Value, part), match.Groups["op"].Value, values);
        }

        if ((match = EqualityPattern().Match(part)).Success)
        {
            var op = match.Groups["op"].Value == "==" ? "=" : match.Groups["op"].Value;
            return new Requirement(CheckKey(match.Groups["key"].Value, part), op, [CheckValue(match.Groups["value"].Value, part)]);
        }

        if ((match = ExistsPattern().Match(part)).Success)
        {
            return new Requirement(CheckKey(match.Groups["key"].Value, part), match.Groups["not"].Success ? "!" : "exists", []);
        }

        throw new FormatException(
            $"cannot read \"{part}\" in selector \"{whole}\"; write key=value, key!=value, key in (a,b), key notin (a,b), key or !key, separated by commas");
    }

    private static string CheckKey(string key, string part) =>
        KeyPattern().IsMatch(key) && key.Length <= 253
            ? key
            : throw new FormatException(
                $"\"{key}\" in \"{part}\" is not a valid tag key: use letters, digits, '-', '_', '.' and '/', starting and ending with a letter or digit");

    private static string CheckValue(string value, string part) =>
        ValuePattern().IsMatch(value) && value.Length <= 63
            ? value
            : throw new FormatException(
                $"\"{value}\" in \"{part}\" is not a valid tag value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");

    [GeneratedRegex(@"^(?<key>[^\s=!(),]+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?<key>[^\s=!(),]+)\s*(?<op>==|=|!=)\s*(?<value>[^\s=!(),]*)$")]
    private static partial Regex EqualityPattern();

    [GeneratedRegex(@"^(?<not>!)?\s*(?<key>[^\s=!(),]+)$")]
    private static partial Regex ExistsPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex ValuePattern();

    private sealed record Requirement(string Key, string Operator, List<string> Values)
    {
        // As Kubernetes: "!=" and "notin" also match when the key is absent.
        public bool Matches(IReadOnlyDictionary<string, string> tags)
        {
            var present = tags.TryGetValue(Key, out var value);
            return Operator switch
            {
                "=" or "in" => present && Values.Contains(value!),
                "!=" or "notin" => !present || !Values.Contains(value!),
                "exists" => present,
                _ => !present,
            };
        }
    }
}
