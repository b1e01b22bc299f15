using System.Text.Json;
using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Controllers.GarbageCollection;

/// <summary>One owner reference of an object, as the garbage collector reads it.</summary>
/// <param name="ApiVersion">The owner's API version.</param>
/// <param name="Kind">The owner's kind.</param>
/// <param name="Name">The owner's name (in the dependent's namespace when the owner is namespaced).</param>
/// <param name="Uid">The owner's uid: a same-named owner with another uid is not this owner.</param>
/// <param name="BlockOwnerDeletion">Whether foreground deletion of the owner waits for this dependent.</param>
internal sealed record OwnerLink(string ApiVersion, string Kind, string Name, string Uid, bool BlockOwnerDeletion)
{
    private static readonly byte[] Marker = "\"ownerReferences\""u8.ToArray();

    /// <summary>Whether an object's JSON may have owner references (a byte search, to skip parsing the many objects without).</summary>
    public static bool MayHaveOwners(byte[]? json) => json is not null && json.AsSpan().IndexOf(Marker) >= 0;

    /// <summary>The owner references in an object's JSON, sharing repeated strings through <paramref name="strings"/>.</summary>
    public static IReadOnlyList<OwnerLink> Read(byte[] json, StringPool strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        if (!MayHaveOwners(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object ||
            !metadata.TryGetProperty("ownerReferences", out var references) || references.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var links = new List<OwnerLink>(references.GetArrayLength());
        foreach (var reference in references.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
        {
            links.Add(new OwnerLink(
                strings.Intern(Text(reference, "apiVersion"))!,
                strings.Intern(Text(reference, "kind"))!,
                strings.Intern(Text(reference, "name"))!,
                strings.Intern(Text(reference, "uid"))!,
                reference.TryGetProperty("blockOwnerDeletion", out var block) && block.ValueKind == JsonValueKind.True));
        }

        return links;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
