using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>A node's kubelet stops: no lease renewals, no status; the node goes Unknown and its pods are evicted after their toleration.</summary>
internal sealed class NodeDownFault : IFaultType
{
    public string Name => "nodeDown";

    public string Description => "the node's kubelet stops posting (node=NAME)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.CheckNode(parameters, cluster);

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetNodeDown(parameters["node"], true);

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetNodeDown(parameters["node"], false);

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.Node(parameters, cluster);
}
