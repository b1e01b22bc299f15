namespace Keelson.Simulator.Scenarios;

/// <summary>A PodDisruptionBudget of a workload: one of the two fields, a number or a percentage.</summary>
public sealed class DisruptionBudgetSpec
{
    /// <summary>Pods that must stay available, e.g. <c>"2"</c> or <c>"50%"</c>.</summary>
    public string? MinAvailable { get; set; }

    /// <summary>Pods that may be unavailable, e.g. <c>"1"</c>.</summary>
    public string? MaxUnavailable { get; set; }
}
