using System.Text.Json.Nodes;

namespace Keelson.Kubernetes.Yaml;

/// <summary>One non-empty YAML document as JSON, with the source line of each node so errors can point at it.</summary>
internal sealed class YamlJsonDocument(string sourceName, int number, JsonNode root, Dictionary<JsonNode, int> lines)
{
    /// <summary>Where the YAML came from.</summary>
    public string SourceName { get; } = sourceName;

    /// <summary>The 1-based number of the document within the source, counting empty documents too.</summary>
    public int Number { get; } = number;

    /// <summary>The document's content.</summary>
    public JsonNode Root { get; } = root;

    /// <summary>The line of a node of this document, or of its nearest ancestor that has one (nodes copied from an alias or a merge do not).</summary>
    public int LineOf(JsonNode? node)
    {
        for (; node is not null; node = node.Parent)
        {
            if (lines.TryGetValue(node, out var line))
            {
                return line;
            }
        }

        return lines[Root];
    }

    /// <summary>An error at <paramref name="node"/>.</summary>
    public ManifestException Error(JsonNode? node, string problem, string fix) =>
        new(SourceName, Number, LineOf(node), problem, fix);
}
