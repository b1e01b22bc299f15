using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.History;

/// <summary>A stored ControllerRevision as the StatefulSet and DaemonSet controllers use it.</summary>
public sealed class Revision
{
    private Revision(StoredObject stored, JsonObject obj)
    {
        Name = stored.Key.Name;
        Labels = stored.Labels ?? new Dictionary<string, string>();
        ControllerUid = (obj["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .FirstOrDefault(o => o?["controller"]?.GetValue<bool>() == true)?["uid"]?.GetValue<string>();
        Number = obj["revision"]?.GetValue<long>() ?? 0;
        var created = obj["metadata"]?["creationTimestamp"]?.GetValue<string>();
        Created = created is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(created, CultureInfo.InvariantCulture);
        Data = obj["data"] as JsonObject ?? [];
        DataBytes = CanonicalJson.Bytes(Data);
    }

    /// <summary>The revision's name.</summary>
    public string Name { get; }

    /// <summary>The uid of its controller owner, or null for an orphan.</summary>
    public string? ControllerUid { get; }

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Its revision number (<c>revision</c>).</summary>
    public long Number { get; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Its data: the patch that restores the owner's pod template.</summary>
    public JsonObject Data { get; }

    /// <summary>The data's canonical bytes, for comparing revisions as kube does.</summary>
    public byte[] DataBytes { get; }

    /// <summary>The pod template the data restores (<c>data.spec.template</c> without the patch directive).</summary>
    public JsonObject Template
    {
        get
        {
            var template = Data["spec"]?["template"]?.DeepClone() as JsonObject ?? [];
            template.Remove("$patch");
            return template;
        }
    }

    /// <summary>Whether the data equals <paramref name="data"/> (canonical bytes).</summary>
    public bool Holds(ReadOnlySpan<byte> data) => DataBytes.AsSpan().SequenceEqual(data);

    /// <summary>Reads a stored ControllerRevision.</summary>
    public static Revision Read(StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new Revision(stored, Registry.ObjectRegistry.Parse(stored));
    }

    /// <summary>Orders revisions as kube's <c>SortControllerRevisions</c>: by number, then age, then name.</summary>
    public static int Compare(Revision a, Revision b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byNumber = a.Number.CompareTo(b.Number);
        if (byNumber != 0)
        {
            return byNumber;
        }

        var byAge = a.Created.CompareTo(b.Created);
        return byAge != 0 ? byAge : string.CompareOrdinal(a.Name, b.Name);
    }
}
