using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>Secrets: type Opaque, and <c>stringData</c> folded into <c>data</c> (it is write-only and never stored).</summary>
internal sealed class SecretDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        obj.DefaultString("type", "Opaque");
        if (obj.GetObject("stringData") is { } stringData)
        {
            // stringData wins over data for the same key, as the v1 conversion merges it last.
            var data = obj.GetOrAddObject("data");
            foreach (var (key, value) in stringData)
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }

            obj.Remove("stringData");
        }
    }
}
