using Keelson.Simulator.Registry;
using Keelson.Simulator.Scenarios;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Hosting;

/// <summary>One simulated cluster: its identity, its bearer token and its storage.</summary>
public sealed class SimulatedCluster
{
    internal SimulatedCluster(ClusterSpec spec, int index, string token, ClusterStore store, TimeProvider time)
    {
        Spec = spec;
        Index = index;
        Token = token;
        Store = store;
        Registry = new ObjectRegistry(store, time);
    }

    /// <summary>The cluster's name: its base path and kubeconfig context.</summary>
    public string Name => Spec.Name;

    /// <summary>What the scenario says about it.</summary>
    public ClusterSpec Spec { get; }

    /// <summary>Its position in the scenario (used to keep IP ranges apart).</summary>
    public int Index { get; }

    /// <summary>The bearer token clients must present.</summary>
    public string Token { get; }

    /// <summary>Its objects.</summary>
    public ClusterStore Store { get; }

    /// <summary>The write rules every client and controller goes through.</summary>
    public ObjectRegistry Registry { get; }

    /// <summary>Its running components (set when they are created), which serve container logs and metrics.</summary>
    internal ClusterRuntime? Runtime { get; set; }

    /// <summary>The full version reported by <c>/version</c>, e.g. <c>v1.30.4</c>.</summary>
    public string GitVersion => $"v{Spec.Version}.{ClusterBootstrap.PatchVersion}";
}
