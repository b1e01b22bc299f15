using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Core.Changes;

/// <summary>How change control writes its JSON columns: camelCase, enums as camelCase text, nulls left out.</summary>
internal static class ChangeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
