using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> that names a deployment's replica sets, and the template
/// comparison that finds a deployment's current replica set.
/// </summary>
/// <remarks>
/// kube hashes the Go struct of the template as printed by spew; that printing cannot be
/// reproduced from JSON, so the simulator hashes the template's canonical JSON instead (keys
/// sorted, empty values dropped) with the same FNV-32a, the same collision count suffix and
/// the same safe encoding. Names look and behave as kube's — stable for a template, different
/// for different templates, bumped by <c>collisionCount</c> — but are not the same strings
/// a real cluster would choose. kube itself never relies on the value: it finds the current
/// replica set by comparing templates, which is what <see cref="EqualIgnoringHash"/> does.
/// </remarks>
internal static class PodTemplateHash
{
    /// <summary>The label (and selector term) carrying the hash.</summary>
    public const string Label = "pod-template-hash";

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The hash of <paramref name="template"/> with <paramref name="collisionCount"/> mixed in.</summary>
    public static string Compute(PodTemplateSpec template, int? collisionCount)
    {
        var hash = 2166136261u;
        void Write(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 16777619u;
            }
        }

        Write(Encoding.UTF8.GetBytes(Canonical(template, dropHashLabel: false)?.ToJsonString() ?? "null"));
        if (collisionCount is { } count)
        {
            // As kube: the count as a little-endian uint32 in an 8-byte buffer.
            Span<byte> bytes = stackalloc byte[8];
            bytes.Clear();
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)count));
            Write(bytes);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new char[digits.Length];
        for (var i = 0; i < digits.Length; i++)
        {
            encoded[i] = SafeAlphabet[digits[i] % SafeAlphabet.Length];
        }

        return new string(encoded);
    }

    /// <summary>Whether two templates are the same apart from their <c>pod-template-hash</c> labels (kube's <c>EqualIgnoreHash</c>).</summary>
    public static bool EqualIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b) =>
        JsonNode.DeepEquals(Canonical(a, dropHashLabel: true), Canonical(b, dropHashLabel: true));

    /// <summary>
    /// The template as JSON with object keys sorted and nulls, empty objects and empty lists
    /// dropped: kube compares templates semantically, where an absent map equals an empty one.
    /// </summary>
    private static JsonNode? Canonical(PodTemplateSpec? template, bool dropHashLabel)
    {
        var node = template is null ? null : JsonSerializer.SerializeToNode(template, KubernetesJson.Options);
        if (dropHashLabel && node?["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
        }

        return Normalize(node);
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (Normalize(value) is { } normalized)
                    {
                        sorted[key] = normalized;
                    }
                }

                return sorted.Count == 0 ? null : sorted;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Normalize(item));
                }

                return items.Count == 0 ? null : items;
            default:
                return node?.DeepClone();
        }
    }
}
