using System.Text.Json.Nodes;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// Field fills with Go's notion of "unset": an empty string or a zero number for value fields, an absent or null
/// member for pointer fields.
/// </summary>
internal static class FieldDefaults
{
    /// <summary>Sets a string field that is absent, null or empty.</summary>
    public static void DefaultString(this JsonObject obj, string name, string value)
    {
        if (obj[name] is not JsonValue current || !current.TryGetValue<string>(out var text) || text.Length == 0)
        {
            obj[name] = value;
        }
    }

    /// <summary>Sets a number field that is absent, null or zero (a Go int32 field without a pointer).</summary>
    public static void DefaultNonZero(this JsonObject obj, string name, long value)
    {
        if (obj[name] is not JsonValue current || Tables.JsonObjectExtensions.AsInt64(current) is null or 0)
        {
            obj[name] = value;
        }
    }

    /// <summary>Sets a pointer field that is absent or null.</summary>
    public static void DefaultPointer(this JsonObject obj, string name, JsonNode value) => obj[name] ??= value;

    /// <summary>
    /// Adds a time field as JSON null when absent: Go writes the zero <c>metav1.Time</c> of a struct field as null
    /// even with omitempty, and kubectl shows it (<c>creationTimestamp: null</c> in pod templates).
    /// </summary>
    public static void DefaultNullTime(JsonObject obj, string name)
    {
        if (!obj.ContainsKey(name))
        {
            obj[name] = null;
        }
    }
}
