using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>A node's kubelet alternates between stopped and running every <c>period</c>.</summary>
internal sealed class NodeFlappingFault : IFaultType
{
    public string Name => "nodeFlapping";

    public string Description => "the node's kubelet goes down and up every period (node=NAME, period=1m)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        FaultTargets.CheckNode(parameters, cluster) ?? FaultTargets.CheckDuration(parameters, "period");

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.SetNodeFlapping(parameters["node"], FaultTargets.Duration(parameters, "period", TimeSpan.FromMinutes(1)));

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetNodeFlapping(parameters["node"], null);

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.Node(parameters, cluster);
}
