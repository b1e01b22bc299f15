using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// The functions expressions may call: <c>len</c>, <c>contains</c>, <c>startsWith</c>,
/// <c>endsWith</c>, <c>format</c>, <c>join</c> and <c>toJson</c>.
/// </summary>
internal static class ExpressionFunctions
{
    private static readonly Dictionary<string, ExpressionFunction> All = new ExpressionFunction[]
    {
        new("len", 1, 1, "len(value): the length of a string, list or object", a => JsonValue.Create(Length(a[0]))),
        new("contains", 2, 2, "contains(haystack, needle): a substring of a string, an element of a list or a key of an object", a => JsonValue.Create(Contains(a[0], a[1]))),
        new("startsWith", 2, 2, "startsWith(text, prefix)", a => JsonValue.Create(Text(a[0], "startsWith").StartsWith(Text(a[1], "startsWith"), StringComparison.Ordinal))),
        new("endsWith", 2, 2, "endsWith(text, suffix)", a => JsonValue.Create(Text(a[0], "endsWith").EndsWith(Text(a[1], "endsWith"), StringComparison.Ordinal))),
        new("format", 1, 32, "format('{0} of {1}', a, b): the text with {N} replaced by argument N", a => JsonValue.Create(Format(a))),
        new("join", 1, 2, "join(list, separator): the elements as text joined by the separator (default ',')", a => JsonValue.Create(Join(a))),
        new("toJson", 1, 1, "toJson(value): the value as compact JSON text", a => JsonValue.Create(a[0]?.ToJsonString() ?? "null")),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Keys;

    public static ExpressionFunction? Find(string name) => All.GetValueOrDefault(name);

    private static int Length(JsonNode? value) => value switch
    {
        null => 0,
        JsonArray list => list.Count,
        JsonObject obj => obj.Count,
        _ when ExpressionValues.KindOf(value) == JsonValueKind.String => value.GetValue<string>().Length,
        _ => throw new ExpressionException($"len() takes a string, a list or an object, not {ExpressionValues.Describe(value)}"),
    };

    private static bool Contains(JsonNode? haystack, JsonNode? needle) => haystack switch
    {
        null => false,
        JsonArray list => list.Any(element => ExpressionValues.AreEqual(element, needle)),
        JsonObject obj => obj.ContainsKey(ExpressionValues.ToText(needle)),
        _ when ExpressionValues.KindOf(haystack) == JsonValueKind.String =>
            haystack.GetValue<string>().Contains(ExpressionValues.ToText(needle), StringComparison.Ordinal),
        _ => throw new ExpressionException($"contains() searches a string, a list or an object, not {ExpressionValues.Describe(haystack)}"),
    };

    private static string Text(JsonNode? value, string function) =>
        ExpressionValues.KindOf(value) is JsonValueKind.String or JsonValueKind.Null
            ? ExpressionValues.ToText(value)
            : throw new ExpressionException($"{function}() takes strings, not {ExpressionValues.Describe(value)}");

    private static string Format(JsonNode?[] arguments)
    {
        var format = Text(arguments[0], "format");
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '{' or '}' && i + 1 < format.Length && format[i + 1] == c)
            {
                result.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                result.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0 || !int.TryParse(format.AsSpan(i + 1, close - i - 1), out var index) || index < 0)
            {
                throw new ExpressionException($"format(): \"{format}\" has a '{{' that does not start a placeholder such as {{0}}; write '{{{{' for a literal brace");
            }

            if (index + 1 >= arguments.Length)
            {
                throw new ExpressionException($"format(): placeholder {{{index}}} has no argument; {arguments.Length - 1} were given");
            }

            result.Append(ExpressionValues.ToText(arguments[index + 1]));
            i = close;
        }

        return result.ToString();
    }

    private static string Join(JsonNode?[] arguments)
    {
        var separator = arguments.Length > 1 ? Text(arguments[1], "join") : ",";
        return arguments[0] switch
        {
            null => "",
            JsonArray list => string.Join(separator, list.Select(ExpressionValues.ToText)),
            var single when ExpressionValues.KindOf(single) == JsonValueKind.String => single.GetValue<string>(),
            var other => throw new ExpressionException($"join() takes a list, not {ExpressionValues.Describe(other)}"),
        };
    }
}
