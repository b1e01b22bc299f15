using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// How expression values (JSON: null, booleans, numbers, strings, lists, objects) behave in
/// conditions, comparisons and text.
/// </summary>
public static class ExpressionValues
{
    /// <summary>
    /// Whether a value counts as true in <c>when</c>, <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>: null, false,
    /// 0 and the empty string are false; everything else (lists and objects too, even empty) is true.
    /// </summary>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.Number => ToNumber(v) != 0,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            _ => true,
        },
        _ => true,
    };

    /// <summary>A value as text: strings as they are, null as empty, everything else as compact JSON.</summary>
    public static string ToText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => "",
        _ => value.ToJsonString(),
    };

    /// <summary>What kind of JSON value this is (null for a missing value).</summary>
    public static JsonValueKind KindOf(JsonNode? value) => value?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>Equality as <c>==</c> sees it: numbers by value, everything else by kind and content.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        var (l, r) = (KindOf(left), KindOf(right));
        if (l == JsonValueKind.Number && r == JsonValueKind.Number)
        {
            return ToNumber(left!) == ToNumber(right!);
        }

        return l == r && (l == JsonValueKind.Null || JsonNode.DeepEquals(left, right));
    }

    /// <summary>Orders two numbers or two strings (ordinal).</summary>
    /// <exception cref="ExpressionException">The values are not both numbers or both strings.</exception>
    public static int Compare(JsonNode? left, JsonNode? right)
    {
        var (l, r) = (KindOf(left), KindOf(right));
        if (l == JsonValueKind.Number && r == JsonValueKind.Number)
        {
            return ToNumber(left!).CompareTo(ToNumber(right!));
        }

        if (l == JsonValueKind.String && r == JsonValueKind.String)
        {
            return string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>());
        }

        throw new ExpressionException($"cannot order {Describe(left)} and {Describe(right)}; '<', '<=', '>' and '>=' compare two numbers or two strings");
    }

    /// <summary>A numeric JSON value as a double.</summary>
    public static double ToNumber(JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.AsValue();
        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A short description of a value for error messages, e.g. <c>the string "abc"</c>.</summary>
    public static string Describe(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        if (text.Length > 40)
        {
            text = text[..37] + "...";
        }

        return KindOf(value) switch
        {
            JsonValueKind.String => $"the string {text}",
            JsonValueKind.Number => $"the number {text}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {text}",
            JsonValueKind.Array => $"the list {text}",
            JsonValueKind.Object => $"the object {text}",
            _ => "null",
        };
    }
}
