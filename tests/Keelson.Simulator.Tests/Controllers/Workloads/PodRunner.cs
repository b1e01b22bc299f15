using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Tests.Controllers.Workloads;

/// <summary>
/// Stands in for the scheduler and kubelets (built on another branch) the way kube's own
/// controller tests do: it writes pod bindings and status through the registry. A pod is
/// bound to a node, then runs and turns Ready — or stays running unready when its image ends
/// in <c>:unready</c>. A pod that does not restart (a job's) otherwise exits: 0, or 1 when its
/// image ends in <c>:fail</c>. A deleted pod is confirmed gone at once.
/// </summary>
internal sealed class PodRunner : IAsyncDisposable
{
    private readonly SimulatedCluster _cluster;
    private readonly ResourceKind _pods;
    private readonly List<string> _nodes;
    private readonly Watcher _watcher;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _next;
    private int _addresses;

    private PodRunner(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _pods = cluster.Store.Catalog.ByKind("v1", "Pod")!;
        var nodes = cluster.Store.Catalog.ByKind("v1", "Node")!;
        _nodes = [.. cluster.Store.Table(nodes).List(null, null).Items.Select(n => n.Key.Name)];
        _watcher = cluster.Store.Table(_pods).Subscribe(null, 1_000_000);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public static PodRunner Start(SimulatedCluster cluster) => new(cluster);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _watcher.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await foreach (var e in _watcher.Events.ReadAllAsync(stop))
        {
            if (e.Type == StoreEventType.Deleted)
            {
                continue;
            }

            try
            {
                Step(e.Object.Key);
            }
            catch (ApiException)
            {
                // The pod changed or went away meanwhile; its next event brings it back here.
            }
        }
    }

    private void Step(ObjectKey key)
    {
        var stored = _cluster.Store.Table(_pods).Get(key);
        if (stored is null)
        {
            return;
        }

        var pod = TypedObjects.Read<Pod>(stored);
        var node = pod.Spec?.NodeName;
        if (stored.Terminating)
        {
            if (node is not null)
            {
                _cluster.Registry.Delete(_pods, key.Namespace, key.Name, new Registry.DeleteOptions { GracePeriodSeconds = 0 });
            }

            return;
        }

        if (node is null)
        {
            _cluster.Registry.Bind(_pods, key.Namespace, key.Name, _nodes[Interlocked.Increment(ref _next) % _nodes.Count], Registry.WriteContext.For("default-scheduler"));
            return;
        }

        var image = pod.Spec?.Containers?.FirstOrDefault()?.Image ?? "";
        var phase = pod.Status?.Phase;
        if (phase == "Pending")
        {
            SetStatus(key, "Running", ready: !image.EndsWith(":unready", StringComparison.Ordinal), exitCode: null);
        }
        else if (phase == "Running" && pod.Spec?.RestartPolicy is "Never" or "OnFailure" && !image.EndsWith(":unready", StringComparison.Ordinal))
        {
            SetStatus(key, image.EndsWith(":fail", StringComparison.Ordinal) ? "Failed" : "Succeeded", ready: false, exitCode: image.EndsWith(":fail", StringComparison.Ordinal) ? 1 : 0);
        }
    }

    private void SetStatus(ObjectKey key, string phase, bool ready, int? exitCode)
    {
        var now = DateTimeOffset.UtcNow;
        _cluster.Registry.Mutate<Pod>(_pods, key.Namespace, key.Name, "kubelet", pod =>
        {
            var status = pod.Status ??= new PodStatus();
            status.Phase = phase;
            status.StartTime ??= now;
            status.PodIP ??= $"100.64.0.{(Interlocked.Increment(ref _addresses) % 250) + 2}";
            status.Conditions = [.. (status.Conditions ?? []).Where(c => c.Type is not ("Ready" or "ContainersReady"))];
            status.Conditions.Add(new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = now });
            status.Conditions.Add(new PodCondition { Type = "ContainersReady", Status = ready ? "True" : "False", LastTransitionTime = now });
            status.ContainerStatuses = [.. (pod.Spec?.Containers ?? []).Select(c => new ContainerStatus
            {
                Name = c.Name,
                Image = c.Image,
                Ready = ready,
                RestartCount = 0,
                State = exitCode is { } code
                    ? new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = code, Reason = code == 0 ? "Completed" : "Error", FinishedAt = now } }
                    : new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
            })];
            return true;
        });
    }
}
