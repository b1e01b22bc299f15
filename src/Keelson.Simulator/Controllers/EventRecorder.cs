using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Controllers;

/// <summary>
/// Writes core/v1 Events as kube components do: one event per object, reason and message,
/// whose <c>count</c> and <c>lastTimestamp</c> grow when it repeats within ten minutes.
/// Events last seen longer than <c>timing.eventTtl</c> ago are removed, as kube-apiserver's
/// event TTL does, and beyond <c>timing.maxEvents</c> the oldest go first, so a cluster that
/// starts 100,000 pods (six events each) keeps a bounded number of them.
/// </summary>
/// <remarks>
/// The bookkeeping is compact because it lives as long as the events: a repeat is found by a
/// 128-bit hash of (uid, reason, message) rather than by the strings, and expiry walks a queue
/// in the order events were written instead of a map of every event.
/// </remarks>
public sealed class EventRecorder
{
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    /// <summary>How often <see cref="RunAsync"/> expires and trims events.</summary>
    private static readonly TimeSpan ExpiryPeriod = TimeSpan.FromSeconds(1);

    private readonly ObjectRegistry _registry;
    private readonly ClusterKinds _kinds;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    /// <summary>The event each recent (uid, reason, message) went into, and when it was last seen.</summary>
    private readonly Dictionary<UInt128, (ObjectKey Key, DateTimeOffset Last)> _recent = [];

    /// <summary>Events written, oldest first; an event that repeats is queued again (and counted in <see cref="_requeued"/>).</summary>
    private readonly Queue<(ObjectKey Key, UInt128 Identity, DateTimeOffset Seen)> _written = new();

    /// <summary>Events with more than one entry in <see cref="_written"/>: only the last entry decides when it expires.</summary>
    private readonly Dictionary<ObjectKey, int> _requeued = [];
    private int _live;
    private long _sequence;

    /// <summary>Creates a recorder writing through <paramref name="registry"/>.</summary>
    public EventRecorder(ObjectRegistry registry, ClusterKinds kinds, TimeProvider time)
    {
        _registry = registry;
        _kinds = kinds;
        _time = time;
    }

    /// <summary>How many events this recorder wrote that are still kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _live;
            }
        }
    }

    /// <summary>Records an event about an object.</summary>
    /// <param name="involved">The object: its kind, apiVersion, namespace, name and uid.</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">CamelCase reason, e.g. <c>Scheduled</c>.</param>
    /// <param name="message">Human-readable message.</param>
    /// <param name="component">The reporting component, e.g. <c>kubelet</c> or <c>default-scheduler</c>.</param>
    /// <param name="host">The node, for kubelet events.</param>
    public void Record(InvolvedObject involved, string type, string reason, string message, string component, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = _time.GetUtcNow();
        var nowText = ObjectRegistry.TimeText(now);
        var ns = involved.Namespace is { Length: > 0 } n ? n : "default";
        var identity = Identity(involved.Uid, reason, message);
        (ObjectKey Key, DateTimeOffset Last) seen;
        lock (_lock)
        {
            _recent.TryGetValue(identity, out seen);
        }

        if (seen.Key.Name is not null && now - seen.Last < RepeatWindow)
        {
            var updated = _registry.Mutate(_kinds.Event, seen.Key.Namespace, seen.Key.Name, component, e =>
            {
                e["count"] = (e["count"]?.GetValue<int>() ?? 1) + 1;
                e["lastTimestamp"] = nowText;
                return true;
            });
            if (updated is not null)
            {
                lock (_lock)
                {
                    _recent[identity] = (seen.Key, now);
                    _written.Enqueue((seen.Key, identity, now));
                    _requeued[seen.Key] = _requeued.GetValueOrDefault(seen.Key) + 1;
                }

                return;
            }
        }

        var name = $"{involved.Name}.{((now.ToUnixTimeMilliseconds() * 1_000_000) + Interlocked.Increment(ref _sequence)).ToString("x", CultureInfo.InvariantCulture)}";
        var source = new JsonObject { ["component"] = component };
        if (host is not null)
        {
            source["host"] = host;
        }

        var involvedObject = new JsonObject
        {
            ["kind"] = involved.Kind,
            ["namespace"] = involved.Namespace is { Length: > 0 } ? involved.Namespace : null,
            ["name"] = involved.Name,
            ["uid"] = involved.Uid,
            ["apiVersion"] = involved.ApiVersion,
        };
        if (involved.FieldPath is not null)
        {
            involvedObject["fieldPath"] = involved.FieldPath;
        }

        if (involvedObject["namespace"] is null)
        {
            involvedObject.Remove("namespace");
        }

        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = involvedObject,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = nowText,
            ["lastTimestamp"] = nowText,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? "",
        };
        try
        {
            _registry.Create(_kinds.Event, ns, ev, WriteContext.For(component));
            var key = new ObjectKey(ns, name);
            lock (_lock)
            {
                _recent[identity] = (key, now);
                _written.Enqueue((key, identity, now));
                _live++;
            }
        }
        catch (Api.ApiException)
        {
            // An event about an object in a namespace being deleted is lost, as on a real cluster.
        }
    }

    /// <summary>Expires and trims events every second until <paramref name="stop"/>.</summary>
    public async Task RunAsync(SimulationTiming timing, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(timing);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ExpiryPeriod, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Expire(timing.EventTtl, timing.MaxEvents);
        }
    }

    /// <summary>
    /// Removes the events this recorder wrote that were last seen longer than <paramref name="ttl"/>
    /// ago, then the oldest ones while more than <paramref name="max"/> are kept.
    /// </summary>
    public void Expire(TimeSpan ttl, int max = int.MaxValue)
    {
        var now = _time.GetUtcNow();
        var doomed = new List<ObjectKey>();
        lock (_lock)
        {
            while (_written.TryPeek(out var oldest) && (now - oldest.Seen > ttl || _live > max))
            {
                _written.Dequeue();
                if (_requeued.TryGetValue(oldest.Key, out var later))
                {
                    // The event repeated later: that later entry decides.
                    if (later == 1)
                    {
                        _requeued.Remove(oldest.Key);
                    }
                    else
                    {
                        _requeued[oldest.Key] = later - 1;
                    }

                    continue;
                }

                _live--;
                doomed.Add(oldest.Key);
                if (_recent.TryGetValue(oldest.Identity, out var recent) && recent.Key.Equals(oldest.Key))
                {
                    _recent.Remove(oldest.Identity);
                }
            }

            if (_recent.Count > 2 * Math.Max(_live, 1024))
            {
                foreach (var (identity, seen) in _recent)
                {
                    if (now - seen.Last > RepeatWindow)
                    {
                        _recent.Remove(identity);
                    }
                }
            }
        }

        foreach (var key in doomed)
        {
            try
            {
                _registry.Delete(_kinds.Event, key.Namespace, key.Name, new DeleteOptions());
            }
            catch (Api.ApiException)
            {
                // Already gone (deleted by a user or with its namespace).
            }
        }
    }

    /// <summary>A 128-bit digest of what makes two events the same event; collisions are negligible at any number of events.</summary>
    private static UInt128 Identity(string uid, string reason, string message)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{uid}\n{reason}\n{message}"), digest);
        return MemoryMarshal.Read<UInt128>(digest);
    }
}
