using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>Open watch streams are cut (once, or every <c>interval</c> while the fault lasts); clients must resume.</summary>
internal sealed class WatchCutFault : IFaultType
{
    public string Name => "watchCut";

    public string Description => "open watch streams are cut, once or every interval (interval=10s)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.CheckDuration(parameters, "interval");

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.Api.CutWatches();

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster)
    {
        // A cut cannot be undone; repeated cuts stop with the fault (see FaultInjector).
    }

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.ClusterWide(cluster);
}
