using System.Text.Json.Nodes;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Store;

namespace Keelson.Core.Tests.Flows;

/// <summary>
/// Sets up objects on the simulated cluster over HTTP (as any client would) and reads back, from the
/// simulator's own store, every write made since the test began, so tests count deletions exactly.
/// </summary>
internal sealed class SimulatedCluster : IDisposable
{
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

    /// <summary>A running pod on <paramref name="node"/>, owned by a ReplicaSet (or a DaemonSet), as a controller would create it.</summary>
    public Task<Pod> PodAsync(string name, string node, string app, string owner = "ReplicaSet", string ns = "default") =>
        Client.Resource<Pod>(ns).CreateAsync(new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = ns,
                Labels = new Dictionary<string, string> { ["app"] = app },
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = owner, Name = app, Uid = Guid.NewGuid().ToString(), Controller = true }],
            },
            Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "app", Image = "registry.example.com/app:1" }] },
        });

    /// <summary>A PodDisruptionBudget over pods labelled <paramref name="app"/> that allows <paramref name="allowed"/> disruptions now.</summary>
    public async Task BudgetAsync(string app, int allowed, string ns = "default")
    {
        var budgets = Client.Resource<PodDisruptionBudget>(ns);
        var created = await budgets.CreateAsync(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = app, Namespace = ns },
            Spec = new PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } } },
        });
        await AllowDisruptionsAsync(app, allowed, created.Metadata.Generation ?? 1, ns);
    }

    /// <summary>What the disruption controller would write once replacement pods are healthy again.</summary>
    public Task AllowDisruptionsAsync(string app, int allowed, long generation = 1, string ns = "default") =>
        Client.Resource<PodDisruptionBudget>(ns).PatchStatusAsync(app, Patch.Merge(new JsonObject
        {
            ["status"] = new JsonObject { ["disruptionsAllowed"] = allowed, ["observedGeneration"] = generation, ["currentHealthy"] = 2, ["desiredHealthy"] = 1 },
        }));

    /// <summary>
    /// Plays the kubelets' part until disposed: a pod marked for deletion (its grace period running)
    /// stops and is removed, as a kubelet confirms with a zero grace period.
    /// </summary>
    public IDisposable StopEvictedPods()
    {
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var pod in (await Client.Resource<Pod>().ListAsync(cancellationToken: stop.Token)).Items.Where(p => p.Metadata.DeletionTimestamp is not null))
                    {
                        await Client.Resource<Pod>(pod.Metadata.Namespace).DeleteAsync(pod.Metadata.Name!, new DeleteOptions { GracePeriodSeconds = 0 }, stop.Token);
                    }

                    await Task.Delay(50, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Kubernetes.Http.KubernetesApiException e) when (e.IsNotFound)
                {
                    // Removed meanwhile.
                }
            }
        });
        return new Stopper(stop);
    }

    /// <summary>How many times objects of this kind and name were deleted since the test began.</summary>
    public int Deletions(string apiVersion, string kind, string name)
    {
        var table = Store.Table(Store.Catalog.ByKind(apiVersion, kind)!);
        using var watcher = table.Subscribe(_startRevision, 100_000);
        var count = 0;
        while (watcher.Events.TryRead(out var e))
        {
            if (e.Type == StoreEventType.Deleted && e.Object.Key.Name == name)
            {
                count++;
            }
        }

        return count;
    }

    public void Dispose() => Client.Dispose();

    private sealed class Stopper(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }
    }
}
