using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>
/// The kubelet's client certificate expired: the API server refuses it, so the kubelet can
/// post nothing — the node goes NotReady (Unknown: "Kubelet stopped posting node status.")
/// exactly as in the real incident, though the node itself is healthy. A trap for
/// automation that evicts every pod of a "dead" node.
/// </summary>
internal sealed class KubeletCertificateExpiredFault : IFaultType
{
    public string Name => "kubeletCertificateExpired";

    public string Description => "the kubelet's client certificate expired: the API server refuses it and the node goes NotReady (node=NAME)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.CheckNode(parameters, cluster);

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetNodeDown(parameters["node"], true);

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetNodeDown(parameters["node"], false);

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.Node(parameters, cluster);
}
