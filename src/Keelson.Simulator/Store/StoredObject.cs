using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Store;

/// <summary>
/// One object as stored: its JSON exactly as served (kind, apiVersion, metadata with the
/// resource version) plus what selectors need, so lists and watches never parse the JSON.
/// Immutable: a write stores a new instance.
/// </summary>
public sealed class StoredObject
{
    /// <summary>Creates a stored object.</summary>
    public StoredObject(ObjectKey key, string uid, long resourceVersion, byte[] json, IReadOnlyDictionary<string, string>? labels, string?[] fields, bool terminating)
    {
        Key = key;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Json = json;
        Labels = labels;
        Fields = fields;
        Terminating = terminating;
    }

    /// <summary>Namespace (empty for cluster-scoped) and name.</summary>
    public ObjectKey Key { get; }

    /// <summary>The object's uid.</summary>
    public string Uid { get; }

    /// <summary>The revision of the write that stored this state.</summary>
    public long ResourceVersion { get; }

    /// <summary>The object's UTF-8 JSON.</summary>
    public byte[] Json { get; }

    /// <summary>Its labels, for label selectors.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    /// <summary>Values of the kind's selectable fields (<see cref="ResourceKind.SelectableFields"/>), same order.</summary>
    public string?[] Fields { get; }

    /// <summary>Whether deletion has begun (deletionTimestamp set).</summary>
    public bool Terminating { get; }

    /// <summary>
    /// This state as selectors see it — key, uid, version, labels and fields — without its JSON
    /// (an empty body), for what only selectors read.
    /// </summary>
    internal StoredObject ForSelectors() => new(Key, Uid, ResourceVersion, [], Labels, Fields, Terminating);

    /// <summary>The value of a field selector label, or null when the kind has no such field.</summary>
    public string? Field(ResourceKind kind, string field) => field switch
    {
        "metadata.name" => Key.Name,
        "metadata.namespace" => Key.Namespace,
        _ => kind.FieldIndex(field) is var i and >= 0 ? Fields[i] ?? "" : null,
    };
}
