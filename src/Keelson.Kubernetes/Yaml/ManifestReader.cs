using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Reads a YAML (or JSON) manifest of one or more documents into objects, as <c>kubectl apply -f</c> reads
/// it: typed models for the kinds in <see cref="KnownResources"/>, <see cref="GenericObject"/> otherwise;
/// empty documents skipped; lists (<c>kind: List</c>, <c>DeploymentList</c>...) flattened into their items.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every object of <paramref name="yaml"/>.</summary>
    /// <param name="yaml">The manifest.</param>
    /// <param name="sourceName">Where it came from, e.g. its file name; error messages start with it.</param>
    /// <exception cref="ManifestException">Malformed YAML, a document that is not an object or has no apiVersion or kind, or a field of the wrong type.</exception>
    public static IReadOnlyList<KubernetesObject> Read(string yaml, string sourceName)
    {
        var objects = new List<KubernetesObject>();
        foreach (var document in YamlJsonReader.Read(yaml, sourceName))
        {
            if (document.Root is not JsonObject root)
            {
                throw document.Error(document.Root, $"the document is {JsonNodeDescription.Of(document.Root)}, not an object", "Each document must be one Kubernetes object with apiVersion, kind and metadata, or a List of them.");
            }

            if (root["kind"] is JsonValue kind && kind.TryGetValue<string>(out var kindName) && kindName.EndsWith("List", StringComparison.Ordinal) && root.ContainsKey("items"))
            {
                objects.AddRange(Items(document, root, kindName));
            }
            else
            {
                objects.Add(ToObject(document, root, ""));
            }
        }

        return objects;
    }

    /// <summary>Reads every object of the manifest in <paramref name="stream"/> (UTF-8, or as its byte-order mark says).</summary>
    /// <param name="stream">The manifest; left open.</param>
    /// <param name="sourceName">Where it came from, e.g. its file name; error messages start with it.</param>
    /// <param name="cancellationToken">Stops reading the stream.</param>
    /// <exception cref="ManifestException">As for <see cref="Read(string, string)"/>.</exception>
    public static async Task<IReadOnlyList<KubernetesObject>> ReadAsync(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        return Read(await reader.ReadToEndAsync(cancellationToken), sourceName);
    }

    private static IEnumerable<KubernetesObject> Items(YamlJsonDocument document, JsonObject list, string listKind)
    {
        if (list["items"] is not JsonArray items)
        {
            throw document.Error(list["items"] ?? list, $"the items of the {listKind} are {JsonNodeDescription.Of(list["items"])}, not a list", "Write the objects as a list under 'items:'.");
        }

        // Items of a typed list (DeploymentList) may leave out their apiVersion and kind, as the API server
        // does in list responses; those of a plain List must carry their own.
        var itemKind = listKind == "List" ? null : listKind[..^"List".Length];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                throw document.Error(items[i] ?? items, $"items[{i}] is {JsonNodeDescription.Of(items[i])}, not an object", "Each item of a list must be a Kubernetes object.");
            }

            if (itemKind is not null)
            {
                item["apiVersion"] ??= list["apiVersion"]?.DeepClone();
                item["kind"] ??= itemKind;
            }

            yield return ToObject(document, item, $"items[{i}].");
        }
    }

    private static KubernetesObject ToObject(YamlJsonDocument document, JsonObject node, string prefix)
    {
        var apiVersion = RequiredString(document, node, prefix, "apiVersion", "apps/v1");
        var kind = RequiredString(document, node, prefix, "kind", "Deployment");
        var modelType = KnownResources.ModelType(apiVersion, kind);
        try
        {
            return (KubernetesObject)node.Deserialize(modelType, KubernetesJson.Options)!;
        }
        catch (JsonException e)
        {
            var mismatch = FieldMismatch.Explain(e, node, modelType, prefix);
            throw document.Error(mismatch.Node, $"{kind} {Name(node)}: {mismatch.Problem}", mismatch.Fix);
        }
        catch (FormatException e)
        {
            // A converter that rejects a value's text (a quantity like "1.5.3") says which text, not where.
            throw document.Error(node, $"{kind} {Name(node)}: {e.Message}", "Correct that value in the object.");
        }
    }

    private static string RequiredString(YamlJsonDocument document, JsonObject node, string prefix, string field, string example)
    {
        var value = node[field];
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0)
        {
            return text;
        }

        var problem = value is null
            ? $"{(prefix.Length == 0 ? "the object" : prefix.TrimEnd('.'))} {Name(node)} has no {field}"
            : $"{prefix}{field} must be a non-empty string, not {JsonNodeDescription.Of(value)}";
        throw document.Error(value ?? node, problem, $"Every object needs apiVersion and kind; write its {field}, e.g. '{field}: {example}'.");
    }

    private static string Name(JsonObject node) =>
        node["metadata"]?["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? $"\"{text}\"" : "(unnamed)";
}
