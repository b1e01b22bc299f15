namespace Keelson.Core.Fleet;

/// <summary>Which workloads to list; unset filters match everything.</summary>
public sealed record WorkloadQuery
{
    /// <summary>Only this cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>Only this namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only this kind (Deployment, StatefulSet or DaemonSet).</summary>
    public WorkloadKind? Kind { get; init; }

    /// <summary>Only workloads with fewer available pods than desired (true), or only fully available ones (false).</summary>
    public bool? NotAvailable { get; init; }

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = FleetView.DefaultLimit;

    /// <summary>The token of the previous page.</summary>
    public string? Continue { get; init; }
}
