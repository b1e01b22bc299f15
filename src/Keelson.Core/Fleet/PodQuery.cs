namespace Keelson.Core.Fleet;

/// <summary>Which pods to list; unset filters match everything.</summary>
public sealed record PodQuery
{
    /// <summary>Only pods of this app (<see cref="FleetPod.App"/>).</summary>
    public string? App { get; init; }

    /// <summary>Only this cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>Only this namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only pods in this phase.</summary>
    public PodPhase? Phase { get; init; }

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = FleetView.DefaultLimit;

    /// <summary>The token of the previous page.</summary>
    public string? Continue { get; init; }
}
