using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// One node as the scheduler sees it: what the node offers (from its object) and what the pods
/// bound or assumed to it take (kept up to date from pod events), so a decision reads no JSON.
/// </summary>
internal sealed class NodeInfo
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private readonly List<AssignedPod> _pods = [];

    public NodeInfo(string name) => Name = name;

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = NoLabels;

    /// <summary>Its taints (every effect).</summary>
    public IReadOnlyList<Taint> Taints { get; private set; } = [];

    /// <summary>Whether it is cordoned.</summary>
    public bool Unschedulable { get; private set; }

    /// <summary>Allocatable CPU in millicores.</summary>
    public long AllocatableMilliCpu { get; private set; }

    /// <summary>Allocatable memory in bytes.</summary>
    public long AllocatableMemory { get; private set; }

    /// <summary>How many pods it may run.</summary>
    public long AllocatablePods { get; private set; }

    /// <summary>What its pods request.</summary>
    public long RequestedMilliCpu { get; private set; }

    /// <summary>What its pods request, in bytes.</summary>
    public long RequestedMemory { get; private set; }

    /// <summary>Requests as scoring counts them (missing requests as defaults).</summary>
    public long NonZeroMilliCpu { get; private set; }

    /// <summary>Memory requests as scoring counts them.</summary>
    public long NonZeroMemory { get; private set; }

    /// <summary>Pods bound or assumed here (a node runs about a hundred at most: a list, a tenth of a dictionary's memory).</summary>
    public IReadOnlyList<AssignedPod> Pods => _pods;

    /// <summary>The node's zone label, if any.</summary>
    public string? Zone => Labels.GetValueOrDefault("topology.kubernetes.io/zone");

    /// <summary>
    /// Takes what the scheduler reads from a node object. Returns whether anything changed that
    /// could let a pending pod fit (more room, other labels or taints, uncordoned).
    /// </summary>
    public bool Update(Node node, IReadOnlyDictionary<string, string>? labels)
    {
        var allocatable = node.Status?.Allocatable;
        var cpu = allocatable is not null && allocatable.TryGetValue("cpu", out var c) ? c.MilliValue() : 0;
        var memory = allocatable is not null && allocatable.TryGetValue("memory", out var m) ? m.Value() : 0;
        var pods = allocatable is not null && allocatable.TryGetValue("pods", out var p) ? p.Value() : 0;
        var taints = node.Spec?.Taints ?? [];
        var unschedulable = node.Spec?.Unschedulable == true;
        labels ??= NoLabels;
        var loosened = cpu > AllocatableMilliCpu || memory > AllocatableMemory || pods > AllocatablePods ||
                       (Unschedulable && !unschedulable) || !SameLabels(labels) || !SameTaints(taints);
        AllocatableMilliCpu = cpu;
        AllocatableMemory = memory;
        AllocatablePods = pods;
        Taints = taints;
        Unschedulable = unschedulable;
        Labels = labels;
        return loosened;
    }

    /// <summary>Counts a pod in.</summary>
    public void Add(AssignedPod pod)
    {
        if (IndexOf(pod.Key) < 0)
        {
            _pods.Add(pod);
            Charge(pod.Request, 1);
        }
    }

    /// <summary>Counts a pod out.</summary>
    public void Remove(ObjectKey key)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            var pod = _pods[index];
            _pods.RemoveAt(index);
            Charge(pod.Request, -1);
        }
    }

    private int IndexOf(ObjectKey key) => _pods.FindIndex(p => p.Key.Equals(key));

    private void Charge(ResourceRequest request, int sign)
    {
        RequestedMilliCpu += sign * request.MilliCpu;
        RequestedMemory += sign * request.Memory;
        NonZeroMilliCpu += sign * request.NonZeroMilliCpu;
        NonZeroMemory += sign * request.NonZeroMemory;
    }

    private bool SameLabels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == Labels.Count && labels.All(l => Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private bool SameTaints(List<Taint> taints) =>
        taints.Count == Taints.Count &&
        taints.Zip(Taints).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value && p.First.Effect == p.Second.Effect);
}
