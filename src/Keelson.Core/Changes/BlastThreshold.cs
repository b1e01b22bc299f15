namespace Keelson.Core.Changes;

/// <summary>Blast-radius limits; a change exceeding any one of them is above the threshold.</summary>
public sealed record BlastThreshold
{
    /// <summary>Pods affected.</summary>
    public int? Pods { get; init; }

    /// <summary>Nodes affected.</summary>
    public int? Nodes { get; init; }

    /// <summary>Workloads affected.</summary>
    public int? Workloads { get; init; }

    /// <summary>Clusters changed.</summary>
    public int? Clusters { get; init; }

    /// <summary>Which limit <paramref name="radius"/> exceeds, e.g. <c>pods 120 &gt; 50</c>, or null.</summary>
    public string? Exceeded(BlastRadius radius)
    {
        ArgumentNullException.ThrowIfNull(radius);
        return Pods is { } p && radius.Pods > p ? $"pods {radius.Pods} > {p}"
            : Nodes is { } n && radius.Nodes > n ? $"nodes {radius.Nodes} > {n}"
            : Workloads is { } w && radius.Workloads > w ? $"workloads {radius.Workloads} > {w}"
            : Clusters is { } c && radius.Clusters > c ? $"clusters {radius.Clusters} > {c}"
            : null;
    }
}
