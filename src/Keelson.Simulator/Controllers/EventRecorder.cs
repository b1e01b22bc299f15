using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Controllers;

/// <summary>
/// Writes core/v1 Events as kube components do: one event per object, reason and message,
/// whose <c>count</c> and <c>lastTimestamp</c> grow when it repeats within ten minutes.
/// Events older than the TTL are removed, as kube-apiserver's event TTL does.
/// </summary>
public sealed class EventRecorder
{
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    private readonly ObjectRegistry _registry;
    private readonly ClusterKinds _kinds;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Uid, string Reason, string Message), (ObjectKey Key, DateTimeOffset Last)> _recent = new();
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _written = new();
    private long _sequence;

    /// <summary>Creates a recorder writing through <paramref name="registry"/>.</summary>
    public EventRecorder(ObjectRegistry registry, ClusterKinds kinds, TimeProvider time)
    {
        _registry = registry;
        _kinds = kinds;
        _time = time;
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
        var identity = (involved.Uid, reason, message);
        if (_recent.TryGetValue(identity, out var seen) && now - seen.Last < RepeatWindow)
        {
            var updated = _registry.Mutate(_kinds.Event, seen.Key.Namespace, seen.Key.Name, component, e =>
            {
                e["count"] = (e["count"]?.GetValue<int>() ?? 1) + 1;
                e["lastTimestamp"] = nowText;
                return true;
            });
            if (updated is not null)
            {
                _recent[identity] = (seen.Key, now);
                _written[seen.Key] = now;
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
            _recent[identity] = (new ObjectKey(ns, name), now);
            _written[new ObjectKey(ns, name)] = now;
        }
        catch (Api.ApiException)
        {
            // An event about an object in a namespace being deleted is lost, as on a real cluster.
        }
    }

    /// <summary>Removes the events this recorder wrote that were last seen longer than <paramref name="ttl"/> ago.</summary>
    public void Expire(TimeSpan ttl)
    {
        var now = _time.GetUtcNow();
        foreach (var (key, last) in _written)
        {
            if (now - last <= ttl)
            {
                continue;
            }

            _written.TryRemove(key, out _);
            try
            {
                _registry.Delete(_kinds.Event, key.Namespace, key.Name, new DeleteOptions());
            }
            catch (Api.ApiException)
            {
                // Already gone.
            }
        }

        foreach (var (identity, seen) in _recent)
        {
            if (now - seen.Last > RepeatWindow)
            {
                _recent.TryRemove(identity, out _);
            }
        }
    }
}
