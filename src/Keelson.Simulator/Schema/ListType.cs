namespace Keelson.Simulator.Schema;

/// <summary>How server-side apply treats a list (<c>x-kubernetes-list-type</c>).</summary>
public enum ListType
{
    /// <summary>The list is one value: whoever sets it owns all of it.</summary>
    Atomic,

    /// <summary>A set of scalars: each value can be owned separately.</summary>
    Set,

    /// <summary>A list of objects identified by key fields (<c>x-kubernetes-list-map-keys</c>).</summary>
    Map,
}
