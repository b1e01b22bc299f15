namespace Keelson.Simulator.Scenarios;

/// <summary>
/// A fault injected at a time after the simulation starts (and cleared after
/// <see cref="Duration"/> when one is given). See <c>docs/simulator.md</c> (Faults) for each type's parameters.
/// </summary>
public sealed class FaultSpec
{
    /// <summary>When, after start, e.g. <c>2m</c>.</summary>
    public TimeSpan At { get; set; }

    /// <summary>How long it lasts; zero: until cleared.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>The fault type, e.g. <c>nodeDown</c>, <c>apiErrors</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The cluster it hits.</summary>
    public string Cluster { get; set; } = "";

    /// <summary>Type-specific parameters (node, zone, image, registry, rate, code, latency, condition...).</summary>
    public Dictionary<string, string> Parameters { get; set; } = [];
}
