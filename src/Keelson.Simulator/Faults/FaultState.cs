using System.Collections.Concurrent;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Faults;

/// <summary>
/// The faults active in one cluster right now. The fault API and the scenario's fault script
/// change it; the kubelets, node heartbeats and the API layer read it on every step, so a
/// fault takes effect on the next heartbeat, pod transition or request.
/// </summary>
public sealed class FaultState
{
    private readonly ConcurrentDictionary<string, byte> _downNodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _flappingNodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _partitionedZones = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, NodeConditionFault>> _conditions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImageBehaviour> _images = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty fault state using <paramref name="time"/> for flapping phases.</summary>
    public FaultState(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Faults of the cluster's API server.</summary>
    public ApiFaultState Api { get; } = new();

    /// <summary>Raised after any change, so components can react at once.</summary>
    public event Action? Changed;

    /// <summary>
    /// Whether a node's kubelet is cut off from the API server right now: down, flapping in
    /// its down phase, or in a partitioned zone. Such a kubelet renews no lease and reports nothing.
    /// </summary>
    public bool IsNodeCutOff(string node, string? zone)
    {
        if (_downNodes.ContainsKey(node) || (zone is not null && _partitionedZones.ContainsKey(zone)))
        {
            return true;
        }

        // Flapping: alternate down and up phases of the given period.
        return _flappingNodes.TryGetValue(node, out var period) && period > TimeSpan.Zero &&
               (_time.GetUtcNow().ToUnixTimeMilliseconds() / (long)period.TotalMilliseconds) % 2 == 0;
    }

    /// <summary>Conditions a fault forces on a node (pressure, kernel deadlock, certificate expired), by type.</summary>
    public IReadOnlyCollection<NodeConditionFault> NodeConditions(string node) =>
        _conditions.TryGetValue(node, out var byType) ? [.. byType.Values] : [];

    /// <summary>A behaviour a fault forces on an image (crash storm, pull failure for a registry), or null.</summary>
    public ImageBehaviour? ImageBehaviour(string image)
    {
        foreach (var (pattern, behaviour) in _images)
        {
            if (new ImageRule { Image = pattern }.Matches(image))
            {
                return behaviour;
            }
        }

        return null;
    }

    /// <summary>Stops (or restarts) a node's kubelet.</summary>
    public void SetNodeDown(string node, bool down) => Toggle(_downNodes, node, down);

    /// <summary>Makes a node's kubelet alternate down and up every <paramref name="period"/>; null stops it.</summary>
    public void SetNodeFlapping(string node, TimeSpan? period)
    {
        if (period is { } p)
        {
            _flappingNodes[node] = p;
        }
        else
        {
            _flappingNodes.TryRemove(node, out _);
        }

        Changed?.Invoke();
    }

    /// <summary>Cuts every node of a zone off (or restores them).</summary>
    public void SetZonePartitioned(string zone, bool partitioned) => Toggle(_partitionedZones, zone, partitioned);

    /// <summary>Forces a condition on a node; null status clears that condition type.</summary>
    public void SetNodeCondition(string node, string type, NodeConditionFault? condition)
    {
        var byType = _conditions.GetOrAdd(node, _ => new ConcurrentDictionary<string, NodeConditionFault>(StringComparer.Ordinal));
        if (condition is null)
        {
            byType.TryRemove(type, out _);
        }
        else
        {
            byType[type] = condition;
        }

        Changed?.Invoke();
    }

    /// <summary>Forces a behaviour on images matching <paramref name="pattern"/> (<c>*</c> wildcards); null clears it.</summary>
    public void SetImageBehaviour(string pattern, ImageBehaviour? behaviour)
    {
        if (behaviour is { } b)
        {
            _images[pattern] = b;
        }
        else
        {
            _images.TryRemove(pattern, out _);
        }

        Changed?.Invoke();
    }

    private void Toggle(ConcurrentDictionary<string, byte> set, string key, bool on)
    {
        if (on)
        {
            set[key] = 0;
        }
        else
        {
            set.TryRemove(key, out _);
        }

        Changed?.Invoke();
    }
}
