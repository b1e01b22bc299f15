using Keelson.Simulator.Registry;
using Keelson.Simulator.Scenarios;
using Keelson.Simulator.Store;
using Microsoft.Extensions.Logging;

namespace Keelson.Simulator.Controllers;

/// <summary>Everything a simulated cluster's controllers, scheduler and kubelets share.</summary>
public sealed class SimulationContext
{
    /// <summary>Creates the context of one cluster.</summary>
    public SimulationContext(ClusterSpec spec, ObjectRegistry registry, TimeProvider time, SimulationTiming timing, int seed, ILogger logger)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Timing = timing ?? throw new ArgumentNullException(nameof(timing));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Kinds = new ClusterKinds(registry.Store.Catalog);
        Events = new EventRecorder(registry, Kinds, time);
        Random = new Random(HashCode.Combine(seed, spec.Name.GetHashCode(StringComparison.Ordinal)));
    }

    /// <summary>The cluster as the scenario describes it.</summary>
    public ClusterSpec Spec { get; }

    /// <summary>The cluster's name.</summary>
    public string ClusterName => Spec.Name;

    /// <summary>Where every write goes.</summary>
    public ObjectRegistry Registry { get; }

    /// <summary>The cluster's storage (for reads and subscriptions).</summary>
    public ClusterStore Store => Registry.Store;

    /// <summary>The kinds by name.</summary>
    public ClusterKinds Kinds { get; }

    /// <summary>The simulation's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>How fast things happen.</summary>
    public SimulationTiming Timing { get; }

    /// <summary>Writes events.</summary>
    public EventRecorder Events { get; }

    /// <summary>Randomness seeded from the scenario, so a run replays the same.</summary>
    public Random Random { get; }

    /// <summary>Where controllers report failures.</summary>
    public ILogger Logger { get; }
}
