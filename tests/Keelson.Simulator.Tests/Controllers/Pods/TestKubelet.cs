using System.Text.Json.Nodes;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Tests.Controllers.Pods;

/// <summary>
/// Stands in for the scheduler and kubelets until they land: binds each new pod (to the node
/// its affinity names, else the first schedulable node), reports it Running with an IP, Ready when
/// <see cref="AutoReady"/> (else when a test says so), and completes graceful deletions shortly after they begin — all by
/// writing through the registry, as kube's own controller tests write pod status.
/// </summary>
internal sealed class TestKubelet : IAsyncDisposable
{
    private readonly SimulationContext _cluster;
    private readonly Watcher _watcher;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private static readonly TimeSpan TerminationTime = TimeSpan.FromMilliseconds(250);
    private int _lastIp;

    public TestKubelet(SimulatorHost host, string cluster, bool autoReady)
    {
        _cluster = host.Runtime(cluster).Context;
        AutoReady = autoReady;
        _watcher = _cluster.Store.Table(_cluster.Kinds.Pod).Subscribe(null, 100_000);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Whether started pods become Ready at once.</summary>
    public bool AutoReady { get; set; }

    /// <summary>Sets a running pod's Ready and ContainersReady conditions.</summary>
    public void SetReady(string @namespace, string name, bool ready)
    {
        var now = ObjectRegistry.TimeText(_cluster.Time.GetUtcNow());
        var updated = _cluster.Registry.Mutate(_cluster.Kinds.Pod, @namespace, name, "kubelet", pod =>
        {
            foreach (var condition in (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (condition["type"]?.GetValue<string>() is "Ready" or "ContainersReady" && condition["status"]?.GetValue<string>() != (ready ? "True" : "False"))
                {
                    condition["status"] = ready ? "True" : "False";
                    condition["lastTransitionTime"] = now;
                }
            }

            return true;
        });
        Assert.NotNull(updated);
    }

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

    private async Task RunAsync()
    {
        await foreach (var e in _watcher.Events.ReadAllAsync(_stop.Token))
        {
            if (e.Type == StoreEventType.Deleted)
            {
                continue;
            }

            try
            {
                if (e.Object.Terminating && e.Previous is not { Terminating: true })
                {
                    _ = FinishDeletionAsync(e.Object);
                }
                else if (e.Object.Field(_cluster.Kinds.Pod, "status.phase") == "Pending")
                {
                    Start(e.Object);
                }
            }
            catch (ApiException ex) when (ex.Code is 404 or 409)
            {
                // The pod went or changed meanwhile; its next event brings it back here.
            }
        }
    }

    /// <summary>
    /// Removes a terminating pod a moment later, as a kubelet does once its containers stopped: the
    /// disruption controller must see the pod terminating before a pod of the same name replaces it.
    /// </summary>
    private async Task FinishDeletionAsync(StoredObject pod)
    {
        await Task.Delay(TerminationTime);
        try
        {
            _cluster.Registry.Delete(_cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name, new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = pod.Uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone already.
        }
    }

    private void Start(StoredObject stored)
    {
        var now = ObjectRegistry.TimeText(_cluster.Time.GetUtcNow());
        var ip = Interlocked.Increment(ref _lastIp);
        _cluster.Registry.Mutate(_cluster.Kinds.Pod, stored.Key.Namespace, stored.Key.Name, "kubelet", pod =>
        {
            var spec = (JsonObject)pod["spec"]!;
            var node = spec["nodeName"]?.GetValue<string>() ?? AffinityNode(spec) ?? FirstNode();
            spec["nodeName"] = node;
            var ready = AutoReady ? "True" : "False";
            var status = (JsonObject)pod["status"]!;
            status["phase"] = "Running";
            status["conditions"] = new JsonArray(
                Condition("Initialized", "True", now),
                Condition("Ready", ready, now),
                Condition("ContainersReady", ready, now),
                Condition("PodScheduled", "True", now));
            status["hostIP"] = "10.0.0.1";
            status["podIP"] = $"10.244.{ip / 250}.{(ip % 250) + 1}";
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = status["podIP"]!.GetValue<string>() });
            status["startTime"] = now;
            return true;
        });
    }

    private static string? AffinityNode(JsonObject spec) =>
        spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?[0]?["matchFields"]?[0]?["values"]?[0]?.GetValue<string>();

    private string FirstNode() =>
        _cluster.Store.Table(_cluster.Kinds.Node).List(null, n => n.Field(_cluster.Kinds.Node, "spec.unschedulable") != "true", limit: 1).Items[0].Key.Name;

    private static JsonObject Condition(string type, string status, string now) => new()
    {
        ["lastProbeTime"] = null,
        ["lastTransitionTime"] = now,
        ["status"] = status,
        ["type"] = type,
    };
}
