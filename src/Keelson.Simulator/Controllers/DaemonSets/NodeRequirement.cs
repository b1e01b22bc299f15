using System.Globalization;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>A node selector requirement on a label (<c>matchExpressions</c>) or on the node's name (<c>matchFields</c>).</summary>
/// <param name="Key">The label key, or <c>metadata.name</c>.</param>
/// <param name="Operator"><c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>, <c>Gt</c> or <c>Lt</c>.</param>
/// <param name="Values">The values it compares with.</param>
/// <param name="OnField">Whether it is a <c>matchFields</c> requirement.</param>
internal sealed record NodeRequirement(string Key, string Operator, IReadOnlyList<string> Values, bool OnField)
{
    public bool Matches(NodeFacts node)
    {
        string? value;
        if (OnField)
        {
            value = Key == "metadata.name" ? node.Name : null;
        }
        else
        {
            value = node.Labels.TryGetValue(Key, out var label) ? label : null;
        }

        return Operator switch
        {
            "In" => value is not null && Values.Contains(value),
            "NotIn" => value is null || !Values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" or "Lt" => value is not null && Values.Count == 1 &&
                long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual) &&
                long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound) &&
                (Operator == "Gt" ? actual > bound : actual < bound),
            _ => false,
        };
    }
}
