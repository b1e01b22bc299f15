using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Store;

/// <summary>
/// The storage of one simulated cluster: one table per resource and one revision counter, so
/// resource versions increase across the whole cluster as they do with etcd.
/// </summary>
public sealed class ClusterStore
{
    private readonly Dictionary<ResourceKind, ResourceTable> _tables = [];
    private long _revision;

    /// <summary>Creates an empty store serving <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The resources to store.</param>
    /// <param name="historyCapacity">Writes kept per resource for resuming watches; older versions get 410 Gone.</param>
    /// <param name="initialRevision">The first revision is one more than this (real clusters never start at 1).</param>
    /// <param name="historyBytes">JSON bytes of history kept per resource, whatever <paramref name="historyCapacity"/> allows.</param>
    public ClusterStore(ResourceCatalog catalog, int historyCapacity = 25_000, long initialRevision = 1000, long historyBytes = DefaultHistoryBytes)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        _revision = initialRevision;
        foreach (var kind in catalog.Kinds)
        {
            _tables[kind] = new ResourceTable(kind, this, historyCapacity, historyBytes);
        }
    }

    /// <summary>The default bound on each resource's watch history: 16 MB of objects.</summary>
    public const long DefaultHistoryBytes = 16L << 20;

    /// <summary>The resources served.</summary>
    public ResourceCatalog Catalog { get; }

    /// <summary>The latest revision handed out.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>Shared instances of repeated strings (label keys and values, node names).</summary>
    public StringPool Strings { get; } = new();

    /// <summary>The table of one resource.</summary>
    public ResourceTable Table(ResourceKind kind) => _tables[kind];

    internal long NextRevision() => Interlocked.Increment(ref _revision);
}
