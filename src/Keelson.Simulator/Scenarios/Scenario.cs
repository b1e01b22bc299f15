namespace Keelson.Simulator.Scenarios;

/// <summary>
/// A simulated fleet: its clusters and how they behave. Read from YAML by
/// <see cref="ScenarioLoader"/>; every field is optional except each cluster's name.
/// </summary>
public sealed class Scenario
{
    /// <summary>Seed for everything random (names, IPs, usage noise), so a scenario replays the same.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How fast the clusters behave (kubelet delays, grace periods, back-offs).</summary>
    public Controllers.SimulationTiming Timing { get; set; } = new();

    /// <summary>Image behaviours (crash, pull failure, slow start, OOM), before the built-in rules.</summary>
    public List<ImageRule> ImageRules { get; set; } = [];

    /// <summary>The clusters.</summary>
    public List<ClusterSpec> Clusters { get; set; } = [];

    /// <summary>Faults injected on a schedule.</summary>
    public List<FaultSpec> Faults { get; set; } = [];
}
