using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Tolerant reads of API objects held as <see cref="JsonObject"/>: a field that is absent or of the wrong JSON
/// type reads as null, the way a Go struct reads its zero value. Shared by Tables, Defaults and Validation,
/// which all walk the same Kubernetes 1.30 shapes.
/// </summary>
internal static class JsonObjectExtensions
{
    public static JsonObject? GetObject(this JsonObject? obj, string name) => obj?[name] as JsonObject;

    public static JsonArray? GetArray(this JsonObject? obj, string name) => obj?[name] as JsonArray;

    public static string? GetString(this JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The string value, or "" when absent: the Go zero value most printers and defaults compare against.</summary>
    public static string GetStringOrEmpty(this JsonObject? obj, string name) => obj.GetString(name) ?? "";

    public static long? GetInt64(this JsonObject? obj, string name) =>
        obj?[name] is JsonValue value ? AsInt64(value) : null;

    public static bool? GetBoolean(this JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>An RFC 3339 time (<c>metav1.Time</c> or <c>MicroTime</c>); absent, unparsable or Go's zero time read as null.</summary>
    public static DateTimeOffset? GetTime(this JsonObject? obj, string name)
    {
        var text = obj.GetString(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var time = TimeJsonConverter.ParseRfc3339(text);
            return time.Year <= 1 ? null : time;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The elements of an array that are objects, skipping anything else.</summary>
    public static IEnumerable<JsonObject> Objects(this JsonArray? array) =>
        array is null ? [] : array.OfType<JsonObject>();

    /// <summary>The child object, created empty when absent (or not an object) so defaulting can fill it.</summary>
    public static JsonObject GetOrAddObject(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject child)
        {
            return child;
        }

        child = [];
        obj[name] = child;
        return child;
    }

    /// <summary>True when the field is absent or JSON null: Go's nil pointer.</summary>
    public static bool IsNull(this JsonObject obj, string name) => obj[name] is null;

    public static long? AsInt64(JsonValue value)
    {
        if (value.TryGetValue<long>(out var whole))
        {
            return whole;
        }

        if (value.TryGetValue<int>(out var small))
        {
            return small;
        }

        return value.TryGetValue<double>(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9.2e18 ? (long)real : null;
    }
}
