using Keelson.Simulator.Controllers;
using Keelson.Simulator.Controllers.Deployments;
using Keelson.Simulator.Controllers.GarbageCollection;
using Keelson.Simulator.Controllers.Jobs;
using Keelson.Simulator.Controllers.Namespaces;
using Keelson.Simulator.Controllers.ReplicaSets;
using Keelson.Simulator.Controllers.ServiceAccounts;
using Keelson.Simulator.Controllers.Workloads;
using Keelson.Simulator.Faults;
using Keelson.Simulator.Scenarios;
using Microsoft.Extensions.Logging;

namespace Keelson.Simulator.Hosting;

/// <summary>The moving parts of one simulated cluster — controllers, scheduler, kubelets — started and stopped together.</summary>
public sealed class ClusterRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    internal ClusterRuntime(SimulatedCluster cluster, Scenario scenario, TimeProvider time, ILogger logger)
    {
        cluster.Registry.DefaultTolerationSeconds = scenario.Timing.DefaultTolerationSeconds;
        Context = new SimulationContext(scenario, cluster.Spec, cluster.Registry, time, logger);
        Controllers = CreateControllers(Context);
        Faults = new FaultInjector(Context);
        _script = scenario.Faults;
        cluster.Runtime = this;
    }

    private readonly IReadOnlyList<FaultSpec> _script;

    /// <summary>Injects and clears this cluster's faults.</summary>
    public FaultInjector Faults { get; }

    /// <summary>What the cluster's components share.</summary>
    public SimulationContext Context { get; }

    /// <summary>The cluster's control loops.</summary>
    public IReadOnlyList<Controller> Controllers { get; }

    /// <summary>The cluster's kubelets (their pods' logs and usage).</summary>
    internal Kubelet.Kubelets? Kubelets => Controllers.OfType<Kubelet.Kubelets>().FirstOrDefault();

    /// <summary>Starts every component and the scenario's fault script.</summary>
    /// <exception cref="FaultException">A scripted fault has bad parameters (e.g. a node that does not exist).</exception>
    public void Start()
    {
        Faults.Schedule(_script);
        foreach (var controller in Controllers)
        {
            _running.Add(Task.Run(() => controller.RunAsync(_stop.Token)));
        }

        _running.Add(Task.Run(() => Context.Events.RunAsync(Context.Timing, _stop.Token)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Faults.Dispose();
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        _stop.Dispose();
    }

    /// <summary>The control loops every simulated cluster runs.</summary>
    private static List<Controller> CreateControllers(SimulationContext context) =>
    [
        new ReplicaSetController(context),
        new DeploymentController(context),
        new JobController(context),
        new GarbageCollector(context),
        new NamespaceController(context),
        new ServiceAccountController(context),
        new ScenarioWorkloads(context),
        new Scheduling.Scheduler(context),
        new Kubelet.Kubelets(context),
        new Nodes.NodeLifecycleController(context),
        new Nodes.TaintEvictionController(context),
        new Nodes.PodGarbageCollector(context),
        new Controllers.Disruption.DisruptionController(context),
        new Controllers.Endpoints.EndpointsController(context),
        new Controllers.StatefulSets.StatefulSetController(context),
        new Controllers.DaemonSets.DaemonSetController(context),
    ];
}
