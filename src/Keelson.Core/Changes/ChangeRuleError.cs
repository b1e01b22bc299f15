using System.Text;

namespace Keelson.Core.Changes;

/// <summary>One problem in a rule file, located by file, line, rule and field.</summary>
/// <param name="Source">The file name.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Rule">The rule's name (or <c>rules[N]</c> when it has none); null for file-level problems.</param>
/// <param name="Field">The field within the rule, e.g. <c>windows[0].start</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ChangeRuleError(string Source, int? Line, string? Rule, string Field, string Message)
{
    /// <summary>The problem as one line: <c>rules.yaml:7: rule "black-friday": timeZone: ...</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Source).Append(Line is { } line ? $":{line}" : "").Append(": ");
        if (Rule is not null)
        {
            text.Append("rule \"").Append(Rule).Append("\": ");
        }

        if (Field.Length > 0)
        {
            text.Append(Field).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
