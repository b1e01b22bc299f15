using Keelson.Simulator.Controllers;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Faults;

/// <summary>Forces a behaviour on images: a crash storm for an image, or pull failures for a registry.</summary>
internal sealed class ImageFault(string name, string description, string parameter, string example, ImageBehaviour behaviour, Func<string, string> pattern) : IFaultType
{
    public string Name => name;

    public string Description => description;

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.Require(parameters, parameter, example);

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.SetImageBehaviour(pattern(parameters[parameter]), behaviour);

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.SetImageBehaviour(pattern(parameters[parameter]), null);

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.ClusterWide(cluster);
}
