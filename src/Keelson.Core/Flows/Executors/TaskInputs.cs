using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Core.Flows.Expressions;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// A task's evaluated inputs (expressions replaced, defaults filled in). The typed getters fail the
/// attempt as <see cref="FlowErrorKind.Invalid"/> with a message naming the input.
/// </summary>
public sealed class TaskInputs
{
    /// <summary>Wraps evaluated inputs.</summary>
    public TaskInputs(JsonObject values) => Values = values ?? throw new ArgumentNullException(nameof(values));

    /// <summary>The inputs as JSON.</summary>
    public JsonObject Values { get; }

    /// <summary>An input's value as written, or null when absent.</summary>
    public JsonNode? Node(string name) => Values[name];

    /// <summary>A required text input.</summary>
    public string String(string name) =>
        OptionalString(name) is { Length: > 0 } text ? text : throw Missing(name, "text");

    /// <summary>A text input, or null when absent.</summary>
    public string? OptionalString(string name) => Values[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => throw Wrong(name, other, "text"),
    };

    /// <summary>A required whole-number input.</summary>
    public int Integer(string name) => OptionalInteger(name) ?? throw Missing(name, "a whole number");

    /// <summary>A whole-number input, or null when absent.</summary>
    public int? OptionalInteger(string name)
    {
        var node = Values[name];
        if (node is null)
        {
            return null;
        }

        if (ExpressionValues.KindOf(node) == JsonValueKind.Number && ExpressionValues.ToNumber(node) is var n && n == Math.Floor(n) && n is >= int.MinValue and <= int.MaxValue)
        {
            return (int)n;
        }

        // Inputs built by interpolation arrive as text: "3" is accepted where a number is meant.
        if (node is JsonValue v && v.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Wrong(name, node, "a whole number");
    }

    /// <summary>A boolean input; <paramref name="fallback"/> when absent.</summary>
    public bool Boolean(string name, bool fallback = false) => ExpressionValues.KindOf(Values[name]) switch
    {
        JsonValueKind.Null => fallback,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when Values[name]!.GetValue<string>() is "true" or "false" => Values[name]!.GetValue<string>() == "true",
        _ => throw Wrong(name, Values[name], "true or false"),
    };

    /// <summary>A required duration input (<c>90s</c>, <c>5m</c>).</summary>
    public TimeSpan Duration(string name) => OptionalDuration(name) ?? throw Missing(name, "a duration such as 30s or 5m");

    /// <summary>A duration input, or null when absent.</summary>
    public TimeSpan? OptionalDuration(string name) => Values[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) && GoDuration.TryParse(text, out var duration) => duration,
        var other => throw Wrong(name, other, "a duration such as 30s or 5m"),
    };

    /// <summary>An object input, or null when absent.</summary>
    public JsonObject? Object(string name) => Values[name] switch
    {
        null => null,
        JsonObject obj => obj,
        var other => throw Wrong(name, other, "a mapping"),
    };

    /// <summary>A list of text (a single text counts as a list of one); empty when absent.</summary>
    public IReadOnlyList<string> Strings(string name) => Values[name] switch
    {
        null => [],
        JsonArray list => [.. list.Select(item => item is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Wrong(name, list, "a list of text"))],
        JsonValue v when v.TryGetValue<string>(out var single) => [single],
        var other => throw Wrong(name, other, "a list of text"),
    };

    private static FlowTaskException Missing(string name, string what) =>
        new(FlowErrorKind.Invalid, $"input \"{name}\" is missing or empty; give {what} under 'with: {{{name}: ...}}'");

    private static FlowTaskException Wrong(string name, JsonNode? value, string what) =>
        new(FlowErrorKind.Invalid, $"input \"{name}\" must be {what}, not {ExpressionValues.Describe(value)}");
}
