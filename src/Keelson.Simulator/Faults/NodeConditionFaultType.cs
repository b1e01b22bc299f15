using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>A node condition reported by the kubelet or node-problem-detector: memory, disk or PID pressure, or a kernel deadlock.</summary>
internal sealed class NodeConditionFaultType(string name, string description, NodeConditionFault condition) : IFaultType
{
    public string Name => name;

    public string Description => description;

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.CheckNode(parameters, cluster);

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.SetNodeCondition(parameters["node"], condition.Type, condition);

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.SetNodeCondition(parameters["node"], condition.Type, null);

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.Node(parameters, cluster);
}
