using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>Every node of a zone loses the API server at once — the "many nodes sick together" case healing must not act on.</summary>
internal sealed class ZonePartitionFault : IFaultType
{
    public string Name => "zonePartition";

    public string Description => "every node of a zone loses the API server (zone=NAME)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster)
    {
        if (FaultTargets.Require(parameters, "zone", "east-1a") is { } missing)
        {
            return missing;
        }

        var zones = FaultTargets.Zones(cluster);
        return zones.Contains(parameters["zone"]) ? null : $"cluster \"{cluster.ClusterName}\" has no zone \"{parameters["zone"]}\"; its zones are: {string.Join(", ", zones.Order(StringComparer.Ordinal))}";
    }

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetZonePartitioned(parameters["zone"], true);

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.SetZonePartitioned(parameters["zone"], false);

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.ClusterWide(cluster);
}
