using Keelson.Kubernetes.Selectors;

namespace Keelson.Core.Fleet;

/// <summary>Which nodes to list; unset filters match everything.</summary>
public sealed record NodeQuery
{
    /// <summary>Only this cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>Only nodes whose labels match.</summary>
    public LabelMatcher? Selector { get; init; }

    /// <summary>
    /// Only nodes with this problem: <c>NotReady</c>, a condition type that is True (<c>MemoryPressure</c>,
    /// <c>DiskPressure</c>, <c>PIDPressure</c>, <c>KernelDeadlock</c>...), or <c>any</c> for any problem.
    /// </summary>
    public string? Condition { get; init; }

    /// <summary>Only cordoned (true) or schedulable (false) nodes.</summary>
    public bool? Cordoned { get; init; }

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = FleetView.DefaultLimit;

    /// <summary>The token of the previous page.</summary>
    public string? Continue { get; init; }
}
