using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Store;
using Microsoft.Extensions.Logging;

namespace Keelson.Simulator.Controllers;

/// <summary>
/// A control loop of a simulated cluster, shaped as kube-controller-manager's: watches tables,
/// turns their events into keys on a <see cref="WorkQueue{T}"/>, and reconciles one key at a
/// time (a key is never reconciled by two workers at once). A failed pass is retried with
/// back-off; a conflict (someone wrote meanwhile) simply reconciles again.
/// </summary>
public abstract partial class Controller
{
    private readonly List<(ResourceKind Kind, Action<StoreEvent> Handler)> _watches = [];
    private readonly int _workers;

    /// <summary>Creates a controller.</summary>
    /// <param name="cluster">The cluster it runs in.</param>
    /// <param name="name">Its name, used as field manager and in logs (e.g. <c>deployment-controller</c>).</param>
    /// <param name="workers">How many keys it reconciles at once.</param>
    protected Controller(SimulationContext cluster, string name, int workers = 1)
    {
        Cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        Name = name;
        _workers = workers;
        Queue = new WorkQueue<ObjectKey>(cluster.Time);
    }

    /// <summary>The controller's name (and field manager).</summary>
    public string Name { get; }

    /// <summary>The cluster it runs in.</summary>
    protected SimulationContext Cluster { get; }

    /// <summary>The keys waiting to be reconciled.</summary>
    protected WorkQueue<ObjectKey> Queue { get; }

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var watchers = _watches.Select(w => (w.Handler, Watcher: Cluster.Store.Table(w.Kind).Subscribe(null, int.MaxValue / 2))).ToList();
        var tasks = watchers.Select(w => PumpAsync(w.Watcher, w.Handler, stop)).ToList();
        tasks.AddRange(Enumerable.Range(0, _workers).Select(_ => WorkAsync(stop)));
        tasks.Add(Task.Run(() => RunTimersAsync(stop), stop));
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            foreach (var (_, watcher) in watchers)
            {
                watcher.Dispose();
            }
        }
    }

    /// <summary>Registers interest in a table; call from the constructor.</summary>
    protected void Watch(ResourceKind kind, Action<StoreEvent> handler) => _watches.Add((kind, handler));

    /// <summary>One idempotent pass for a key: read the current state, write what is missing.</summary>
    protected abstract void Reconcile(ObjectKey key);

    /// <summary>Periodic work besides the queue (e.g. heartbeats); by default none.</summary>
    protected virtual Task RunTimersAsync(CancellationToken stop) => Task.CompletedTask;

    /// <summary>The key of a stored object's controller owner of <paramref name="ownerKind"/>, if it has one.</summary>
    protected static ObjectKey? ControllerOwner(StoredObject obj, string ownerKind)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var owners = Registry.ObjectRegistry.Parse(obj)["metadata"]?["ownerReferences"] as System.Text.Json.Nodes.JsonArray;
        foreach (var owner in owners ?? [])
        {
            if (owner?["controller"]?.GetValue<bool>() == true && owner["kind"]?.GetValue<string>() == ownerKind)
            {
                return new ObjectKey(obj.Key.Namespace, owner["name"]!.GetValue<string>());
            }
        }

        return null;
    }

    private static async Task PumpAsync(Watcher watcher, Action<StoreEvent> handler, CancellationToken stop)
    {
        await foreach (var e in watcher.Events.ReadAllAsync(stop))
        {
            handler(e);
        }
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var key = await Queue.TakeAsync(stop);
            try
            {
                Reconcile(key);
                Queue.Forget(key);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                Queue.Add(key);
            }
            catch (Exception e) when (e is ApiException or InvalidOperationException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or ArgumentException)
            {
                LogReconcileFailed(Cluster.Logger, Name, Cluster.ClusterName, key.ToString(), e.Message);
                Queue.AddRateLimited(key);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller} in cluster {Cluster}: reconciling {Key} failed, will retry: {Error}")]
    private static partial void LogReconcileFailed(ILogger logger, string controller, string cluster, string key, string error);
}
