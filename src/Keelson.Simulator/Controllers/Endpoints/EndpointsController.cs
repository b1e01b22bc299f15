using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Endpoints;

/// <summary>
/// kube-controller-manager's <c>endpoint-controller</c>: for every Service with a selector, an
/// Endpoints object of the same name listing the selected pods' addresses — ready ones under
/// <c>addresses</c>, the others under <c>notReadyAddresses</c> — with the ports the Service's
/// <c>targetPort</c>s resolve to; removed with the Service.
/// </summary>
public sealed class EndpointsController : Controller
{
    private readonly SelectorIndex _services = new();

    /// <summary>Creates the controller of one cluster.</summary>
    public EndpointsController(SimulationContext cluster)
        : base(cluster, "endpoint-controller")
    {
        Pods = cluster.AllPods;
        Watch(cluster.Kinds.Service, OnService);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <summary>The pods services select, parsed.</summary>
    internal PodFactsCache Pods { get; }

    /// <summary>When each service's endpoints last changed because of it or its pods.</summary>
    internal TriggerTimeTracker TriggerTimes { get; } = new();

    /// <summary>The cluster (for the reconcile pass).</summary>
    internal SimulationContext Context => Cluster;

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key) => new EndpointsPass(this, key).Run();

    private void OnService(StoreEvent e)
    {
        var selector = e.Type == StoreEventType.Deleted ? null : Selector(ObjectRegistry.Parse(e.Object));
        if (selector is null)
        {
            _services.Remove(e.Object.Key);
        }
        else
        {
            _services.Set(e.Object.Key, selector);
        }

        Queue.Add(e.Object.Key);
    }

    private void OnPod(StoreEvent e)
    {
        Pods.Observe(e);
        var services = _services.Matching(e.Object.Key.Namespace, e.Object.Labels);
        if (e.Previous is { } previous && !SelectorIndex.SameLabels(previous.Labels, e.Object.Labels))
        {
            services.AddRange(_services.Matching(previous.Key.Namespace, previous.Labels));
        }

        foreach (var service in services)
        {
            Queue.Add(service);
        }
    }

    /// <summary>
    /// The pods a Service selects: its <c>spec.selector</c> map, or null when it has none (its
    /// endpoints are someone else's to write). An empty map selects every pod, as in kube.
    /// </summary>
    internal static LabelMatcher? Selector(JsonObject service)
    {
        if (service["spec"]?["selector"] is not JsonObject selector)
        {
            return null;
        }

        try
        {
            return LabelMatcher.FromSelector(new LabelSelector
            {
                MatchLabels = selector.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal),
            });
        }
        catch (ArgumentException)
        {
            return LabelMatcher.Nothing; // validation rejects it; until then it selects nothing
        }
    }
}
