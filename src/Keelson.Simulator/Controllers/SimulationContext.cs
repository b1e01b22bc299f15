using Keelson.Simulator.Registry;
using Keelson.Simulator.Scenarios;
using Keelson.Simulator.Store;
using Microsoft.Extensions.Logging;

namespace Keelson.Simulator.Controllers;

/// <summary>Everything a simulated cluster's controllers, scheduler and kubelets share.</summary>
public sealed class SimulationContext
{
    private readonly Dictionary<(string Namespace, string App), UsageProfile> _usage = [];

    /// <summary>Creates the context of one cluster.</summary>
    public SimulationContext(Scenario scenario, ClusterSpec spec, ObjectRegistry registry, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Timing = scenario.Timing;
        ImageRules = scenario.ImageRules;
        Seed = scenario.Seed;
        Kinds = new ClusterKinds(registry.Store.Catalog);
        Events = new EventRecorder(registry, Kinds, time);
        Faults = new Faults.FaultState(time);
        AllPods = new Pods.PodFactsCache(registry.Store.Strings);
        PodsByNode = new Nodes.PodsByNode(registry.Store, Kinds.Pod);
        // string.GetHashCode is randomized per process; the cluster's index keeps runs repeatable.
        Random = new Random(HashCode.Combine(scenario.Seed, scenario.Clusters.IndexOf(spec)));
        foreach (var workload in spec.Workloads)
        {
            _usage[(workload.Namespace, workload.Name)] = workload.Usage;
        }
    }

    /// <summary>
    /// The view of pods shared by the controllers that index every pod (endpoints, disruption
    /// budgets), as kube-controller-manager's controllers share one pod informer: one label
    /// index of 100,000 pods instead of one each (15 MB apiece).
    /// </summary>
    public Pods.PodFactsCache AllPods { get; }

    /// <summary>
    /// The pods bound to each node, shared by the node lifecycle controller, the taint eviction
    /// controller and the pod garbage collector: one index of 100,000 pods instead of one each.
    /// </summary>
    internal Nodes.PodsByNode PodsByNode { get; }

    /// <summary>The scenario's seed.</summary>
    public int Seed { get; }

    /// <summary>The scenario's image rules (the built-in ones apply after them).</summary>
    public IReadOnlyList<ImageRule> ImageRules { get; }

    /// <summary>The faults active in this cluster.</summary>
    public Faults.FaultState Faults { get; }

    /// <summary>The behaviour of an image now: a fault's if one targets it, else the scenario's rules.</summary>
    public ImageBehaviour BehaviourOf(string image) => Faults.ImageBehaviour(image) ?? ImageRule.BehaviourOf(image, ImageRules);

    /// <summary>The usage profile of a pod: its workload's (found by namespace and <c>app</c> label), else the default.</summary>
    public UsageProfile UsageFor(string @namespace, IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue("app", out var app) && _usage.TryGetValue((@namespace, app), out var profile)
            ? profile
            : DefaultUsage;

    private static UsageProfile DefaultUsage { get; } = new();

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
