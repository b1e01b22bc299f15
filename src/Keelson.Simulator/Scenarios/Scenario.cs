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

    /// <summary>The clusters.</summary>
    public List<ClusterSpec> Clusters { get; set; } = [];
}
