using System.Text.Json;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>What placing daemon pods needs to know of a node: its name, labels and taints.</summary>
public sealed class NodeFacts
{
    private NodeFacts(StoredObject node, IReadOnlyList<NodeTaint> taints)
    {
        Name = node.Key.Name;
        Labels = node.Labels ?? new Dictionary<string, string>();
        Taints = taints;
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Its taints.</summary>
    public IReadOnlyList<NodeTaint> Taints { get; }

    /// <summary>Reads a stored node.</summary>
    public static NodeFacts Read(StoredObject node, StringPool strings)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(strings);
        using var document = JsonDocument.Parse(node.Json);
        var taints = new List<NodeTaint>();
        if (document.RootElement.TryGetProperty("spec", out var spec) && spec.ValueKind == JsonValueKind.Object &&
            spec.TryGetProperty("taints", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var taint in list.EnumerateArray())
            {
                taints.Add(new NodeTaint(
                    strings.Intern(Text(taint, "key")) ?? "",
                    strings.Intern(Text(taint, "value")) ?? "",
                    strings.Intern(Text(taint, "effect")) ?? ""));
            }
        }

        return new NodeFacts(node, taints);
    }

    /// <summary>Whether placement would judge this node as it judges <paramref name="other"/> (same labels and taints).</summary>
    public bool SamePlacement(NodeFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Pods.SelectorIndex.SameLabels(Labels, other.Labels) && Taints.SequenceEqual(other.Taints);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
