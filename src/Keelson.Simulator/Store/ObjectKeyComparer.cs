using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Store;

/// <summary>Orders keys as etcd orders them: by namespace, then name (ordinal), so lists and pages come out in a stable order.</summary>
internal sealed class ObjectKeyComparer : IComparer<ObjectKey>
{
    public static ObjectKeyComparer Instance { get; } = new();

    public int Compare(ObjectKey x, ObjectKey y)
    {
        var ns = string.CompareOrdinal(x.Namespace, y.Namespace);
        return ns != 0 ? ns : string.CompareOrdinal(x.Name, y.Name);
    }
}
