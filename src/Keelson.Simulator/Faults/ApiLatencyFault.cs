using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>The cluster's API server answers every request late.</summary>
internal sealed class ApiLatencyFault : IFaultType
{
    public string Name => "apiLatency";

    public string Description => "every API request is answered late (latency=500ms)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        FaultTargets.Require(parameters, "latency", "500ms") ?? FaultTargets.CheckDuration(parameters, "latency");

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.Api.Latency = FaultTargets.Duration(parameters, "latency", TimeSpan.Zero);

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.Api.Latency = TimeSpan.Zero;

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.ClusterWide(cluster);
}
