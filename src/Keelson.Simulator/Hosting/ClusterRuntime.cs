using Keelson.Simulator.Controllers;
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
    }

    /// <summary>What the cluster's components share.</summary>
    public SimulationContext Context { get; }

    /// <summary>The cluster's control loops.</summary>
    public IReadOnlyList<Controller> Controllers { get; }

    /// <summary>Starts every component.</summary>
    public void Start()
    {
        foreach (var controller in Controllers)
        {
            _running.Add(Task.Run(() => controller.RunAsync(_stop.Token)));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        _stop.Dispose();
    }

    /// <summary>The control loops every simulated cluster runs.</summary>
    private static List<Controller> CreateControllers(SimulationContext context) =>
    [
        new Controllers.Disruption.DisruptionController(context),
        new Controllers.Endpoints.EndpointsController(context),
        new Controllers.StatefulSets.StatefulSetController(context),
        new Controllers.DaemonSets.DaemonSetController(context),
    ];
}
