using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>Reads and writes <c>metadata.managedFields</c> the way kube-apiserver encodes it.</summary>
internal static class ManagedFieldsCodec
{
    /// <summary>The managers recorded in an object; an unreadable list reads as no managers.</summary>
    public static Dictionary<ManagerIdentity, ManagerFields> Decode(JsonObject? obj, out bool readable)
    {
        var managers = new Dictionary<ManagerIdentity, ManagerFields>();
        readable = true;
        if (obj?["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return managers;
        }

        try
        {
            foreach (var entry in entries.OfType<JsonObject>())
            {
                var operation = Text(entry["operation"]);
                var apiVersion = Text(entry["apiVersion"]);
                var identity = new ManagerIdentity(Text(entry["manager"]), operation, operation == ManagerIdentity.ApplyOperation ? "" : apiVersion, Text(entry["subresource"]));
                var fields = entry["fieldsV1"] is JsonObject fieldsV1 ? FieldSet.FromFieldsV1(fieldsV1) : new FieldSet();
                DateTimeOffset? time = entry["time"] is JsonValue t && ScalarFormats.ParseTime(t.GetValue<string>(), out _) is { } parsed ? parsed : null;
                managers[identity] = managers.TryGetValue(identity, out var existing)
                    ? existing with { Fields = existing.Fields.Union(fields) }
                    : new ManagerFields(identity, fields, apiVersion, time);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            readable = false;
            managers.Clear();
        }

        return managers;
    }

    /// <summary>Writes the managers into <paramref name="obj"/>'s metadata, ordered as kube-apiserver orders them.</summary>
    public static void Encode(JsonObject obj, IEnumerable<ManagerFields> managers)
    {
        var entries = managers
            .Where(m => !m.Fields.IsEmpty)
            .OrderBy(m => m.Identity.Operation, StringComparer.Ordinal)
            .ThenBy(m => m.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(m => m.Identity.Manager, StringComparer.Ordinal)
            .ThenBy(m => m.ApiVersion, StringComparer.Ordinal)
            .ThenBy(m => m.Identity.Subresource, StringComparer.Ordinal)
            .Select(m =>
            {
                var entry = new JsonObject
                {
                    ["manager"] = m.Identity.Manager,
                    ["operation"] = m.Identity.Operation,
                    ["apiVersion"] = m.ApiVersion,
                };
                if (m.Time is { } time)
                {
                    entry["time"] = ScalarFormats.FormatTime(time);
                }

                entry["fieldsType"] = "FieldsV1";
                entry["fieldsV1"] = m.Fields.ToFieldsV1();
                if (m.Identity.Subresource.Length > 0)
                {
                    entry["subresource"] = m.Identity.Subresource;
                }

                return (JsonNode?)entry;
            })
            .ToArray();

        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = [];
        }

        metadata.Remove("managedFields");
        if (entries.Length > 0)
        {
            metadata["managedFields"] = new JsonArray(entries);
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
}
