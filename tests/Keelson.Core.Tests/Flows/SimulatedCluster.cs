using System.Text.Json.Nodes;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Store;

namespace Keelson.Core.Tests.Flows;

/// <summary>
/// Sets up workloads on the simulated cluster over HTTP, as a user would on a real cluster — its
/// controllers, scheduler and kubelets create, place, run and stop the pods, its disruption
/// controller computes the budgets — and reads back, from the simulator's own store, every write
/// made since the test began, so tests count deletions exactly.
/// </summary>
internal sealed class SimulatedCluster : IDisposable
{
    private const int Nodes = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly SimulatorHost _host;
    private readonly long _startRevision;

    public SimulatedCluster(SimulatorHost host)
    {
        _host = host;
        Client = new KubernetesClient(host.ClientOptions(FlowHarness.Cluster));
        _startRevision = Store.Revision;
    }

    public KubernetesClient Client { get; }

    public static string Node(int index) => $"{FlowHarness.Cluster}-pool-{index:D4}";

    private ClusterStore Store => _host.Cluster(FlowHarness.Cluster).Store;

    /// <summary>
    /// Runs Deployment <paramref name="app"/> with <paramref name="replicas"/> pods (creating it, or
    /// scaling it up), the new pods on <paramref name="node"/> when given: every other node is
    /// cordoned meanwhile, so the scheduler can place them nowhere else, and uncordoned once they run.
    /// Returns the Deployment's running pods.
    /// </summary>
    public async Task<IReadOnlyList<Pod>> DeploymentAsync(string app, int replicas, string? node = null, string ns = "default")
    {
        var others = node is null ? [] : Enumerable.Range(0, Nodes).Select(Node).Where(n => n != node).ToList();
        foreach (var other in others)
        {
            await SetUnschedulableAsync(other, true);
        }

        var deployments = Client.Resource<Deployment>(ns);
        if (await deployments.GetOrNullAsync(app) is null)
        {
            await deployments.CreateAsync(Workload(app, replicas, ns));
        }
        else
        {
            await deployments.ScaleAsync(app, replicas);
        }

        var pods = await UntilAsync(async () => await RunningAsync(app, ns) is { } running && running.Count == replicas ? running : null, $"{replicas} pod(s) of Deployment {app} to run");
        foreach (var other in others)
        {
            await SetUnschedulableAsync(other, false);
        }

        return pods;
    }

    /// <summary>A DaemonSet <paramref name="app"/>; returns its pods once one runs on every node.</summary>
    public async Task<IReadOnlyList<Pod>> DaemonSetAsync(string app, string ns = "default")
    {
        var template = Workload(app, 0, ns).Spec!;
        await Client.Resource<DaemonSet>(ns).CreateAsync(new DaemonSet
        {
            Metadata = new ObjectMeta { Name = app, Namespace = ns },
            Spec = new DaemonSetSpec { Selector = template.Selector, Template = template.Template },
        });
        return await UntilAsync(async () => await RunningAsync(app, ns) is { } running && running.Count == Nodes ? running : null, $"DaemonSet {app} to run on each node");
    }

    /// <summary>
    /// A PodDisruptionBudget keeping <paramref name="minAvailable"/> pods labelled <paramref name="app"/> healthy;
    /// returns once the disruption controller has counted the <paramref name="healthy"/> pods there are.
    /// </summary>
    public async Task<PodDisruptionBudget> BudgetAsync(string app, int minAvailable, int healthy, string ns = "default")
    {
        await Client.Resource<PodDisruptionBudget>(ns).CreateAsync(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = app, Namespace = ns },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = minAvailable, Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } } },
        });
        return await UntilAsync(
            async () => await Client.Resource<PodDisruptionBudget>(ns).GetAsync(app) is { Status: { } s } pdb
                && s.ObservedGeneration >= pdb.Metadata.Generation && s.CurrentHealthy == healthy && s.DesiredHealthy == minAvailable ? pdb : null,
            $"the disruption controller to count {healthy} healthy pod(s) for budget {app}");
    }

    /// <summary>Changes the budget's minAvailable, as an operator would to let a drain go on; the disruption controller recomputes what it allows.</summary>
    public Task SetMinAvailableAsync(string app, int minAvailable, string ns = "default") =>
        Client.Resource<PodDisruptionBudget>(ns).PatchAsync(app, Patch.Merge(new JsonObject { ["spec"] = new JsonObject { ["minAvailable"] = minAvailable } }));

    /// <summary>The pods bound to <paramref name="node"/> now.</summary>
    public async Task<IReadOnlyList<Pod>> PodsOnAsync(string node) =>
        (await Client.Resource<Pod>().ListAsync(new ListOptions { FieldSelector = $"spec.nodeName={node}" })).Items;

    /// <summary>Polls <paramref name="probe"/> until it answers (not null); fails naming <paramref name="what"/> after a generous wait.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } answer)
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < until, $"waited {Patience.TotalSeconds}s for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>How many times objects of this kind and name were deleted since the test began.</summary>
    public int Deletions(string apiVersion, string kind, string name) => Deleted(apiVersion, kind).Count(o => o.Key.Name == name);

    /// <summary>How many times each of <paramref name="pods"/> (this very pod: its uid) was deleted since the test began.</summary>
    public IEnumerable<int> Deletions(IEnumerable<Pod> pods)
    {
        var deleted = Deleted("v1", "Pod");
        return pods.Select(p => deleted.Count(o => o.Uid == p.Metadata.Uid));
    }

    public void Dispose() => Client.Dispose();

    private List<StoredObject> Deleted(string apiVersion, string kind)
    {
        var table = Store.Table(Store.Catalog.ByKind(apiVersion, kind)!);
        using var watcher = table.Subscribe(_startRevision, 100_000);
        var deleted = new List<StoredObject>();
        while (watcher.Events.TryRead(out var e))
        {
            if (e.Type == StoreEventType.Deleted)
            {
                deleted.Add(e.Object);
            }
        }

        return deleted;
    }

    private async Task<List<Pod>?> RunningAsync(string app, string ns) =>
        [.. (await Client.Resource<Pod>(ns).ListAsync(new ListOptions { LabelSelector = $"app={app}" })).Items
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)];

    private Task<Node> SetUnschedulableAsync(string node, bool unschedulable) =>
        Client.Resource<Node>().PatchAsync(node, Patch.Merge(new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = unschedulable } }));

    private static Deployment Workload(string app, int replicas, string ns) => new()
    {
        Metadata = new ObjectMeta { Name = app, Namespace = ns },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
                Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "registry.example.com/app:1" }] },
            },
        },
    };
}
