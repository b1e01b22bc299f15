using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Disruption;

/// <summary>
/// kube-controller-manager's <c>disruption</c> controller: keeps each PodDisruptionBudget's status
/// (expected, healthy and desired pods, disruptions allowed, the DisruptionAllowed condition) as
/// the pods it selects come and go, and drops <c>disruptedPods</c> entries the eviction
/// subresource recorded once the pod is being deleted or the deletion timeout passed.
/// </summary>
public sealed class DisruptionController : Controller
{
    /// <summary>The event source kube-controller-manager gives this controller's events.</summary>
    internal const string Component = "controllermanager";

    private readonly SelectorIndex _selectors = new();

    /// <summary>Creates the controller of one cluster.</summary>
    public DisruptionController(SimulationContext cluster)
        : base(cluster, "disruption-controller")
    {
        Pods = cluster.AllPods;
        Watch(cluster.Kinds.PodDisruptionBudget, OnBudget);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <summary>The pods budgets select, parsed.</summary>
    internal PodFactsCache Pods { get; }

    /// <summary>The cluster (for the reconcile pass).</summary>
    internal SimulationContext Context => Cluster;

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Registry.Get(Cluster.Kinds.PodDisruptionBudget, key.Namespace, key.Name);
        if (stored is not null && new DisruptionPass(this, stored).Run() is { } recheck)
        {
            Queue.AddAfter(key, recheck);
        }
    }

    private void OnBudget(StoreEvent e)
    {
        if (e.Type == StoreEventType.Deleted)
        {
            _selectors.Remove(e.Object.Key);
        }
        else
        {
            _selectors.Set(e.Object.Key, ObjectRegistry.Matcher(ObjectRegistry.Parse(e.Object)["spec"]?["selector"] as JsonObject));
        }

        Queue.Add(e.Object.Key);
    }

    private void OnPod(StoreEvent e)
    {
        Pods.Observe(e);
        var budgets = Budgets(e.Object);
        if (budgets.Count > 1 && e.Type != StoreEventType.Deleted)
        {
            // kube syncs only one of them and says so; every budget is synced here, the warning stays.
            var pod = e.Object.Key;
            Cluster.Events.Record(
                new InvolvedObject("Pod", "v1", pod.Namespace, pod.Name, e.Object.Uid),
                "Warning",
                "MultiplePodDisruptionBudgets",
                $"Pod \"{pod.Namespace}\"/\"{pod.Name}\" matches multiple PodDisruptionBudgets.  Chose \"{budgets[0].Name}\" arbitrarily.",
                Component);
        }

        foreach (var budget in budgets)
        {
            Queue.Add(budget);
        }

        if (e.Previous is { } previous && !SelectorIndex.SameLabels(previous.Labels, e.Object.Labels))
        {
            foreach (var budget in Budgets(previous))
            {
                Queue.Add(budget);
            }
        }
    }

    private List<ObjectKey> Budgets(StoredObject pod) => _selectors.Matching(pod.Key.Namespace, pod.Labels);
}
