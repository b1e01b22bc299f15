using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Scheduling;

/// <summary>A pending pod as one scheduling attempt reads it: everything the filters and scores look at.</summary>
internal sealed class PodRequest
{
    private PodRequest(ObjectKey key, string uid, Pod pod, IReadOnlyDictionary<string, string>? labels, StringPool strings)
    {
        Key = key;
        Uid = uid;
        Labels = labels;
        var spec = pod.Spec ?? new PodSpec();
        Request = ResourceRequest.Of(spec);
        Tolerations = spec.Tolerations ?? [];
        NodeSelector = spec.NodeSelector;
        var nodeAffinity = spec.Affinity?.NodeAffinity;
        RequiredNodeTerms = nodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        PreferredNodeTerms = nodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
        Affinity = AffinityTerm.All(key.Namespace, spec.Affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution);
        AntiAffinity = AffinityTerm.All(key.Namespace, spec.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution);
        // Shared: the cache keeps it for every placed pod, a hundred siblings alike.
        OwnerUid = strings.Intern(pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid);
        Spread = SpreadConstraint.Required(spec, labels);
        HasOwnSpreading = spec.TopologySpreadConstraints is { Count: > 0 };
    }

    /// <summary>Namespace and name.</summary>
    public ObjectKey Key { get; }

    /// <summary>The pod's uid.</summary>
    public string Uid { get; }

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    /// <summary>What it needs from a node.</summary>
    public ResourceRequest Request { get; }

    /// <summary>Its tolerations.</summary>
    public IReadOnlyList<Toleration> Tolerations { get; }

    /// <summary>Its <c>nodeSelector</c>.</summary>
    public IReadOnlyDictionary<string, string>? NodeSelector { get; }

    /// <summary>Its required node affinity terms (ORed), or null.</summary>
    public IReadOnlyList<NodeSelectorTerm>? RequiredNodeTerms { get; }

    /// <summary>Its preferred node affinity terms.</summary>
    public IReadOnlyList<PreferredSchedulingTerm> PreferredNodeTerms { get; }

    /// <summary>Required pod affinity terms, or null.</summary>
    public AffinityTerm[]? Affinity { get; }

    /// <summary>Required pod anti-affinity terms, or null.</summary>
    public AffinityTerm[]? AntiAffinity { get; }

    /// <summary>Its controller's uid (for spreading), or null.</summary>
    public string? OwnerUid { get; }

    /// <summary>Its DoNotSchedule topology spread constraints, or null.</summary>
    public SpreadConstraint[]? Spread { get; }

    /// <summary>Whether it declares spreading of its own, which replaces kube's default spreading.</summary>
    public bool HasOwnSpreading { get; }

    /// <summary>Reads a pending pod, sharing repeated strings through <paramref name="strings"/>.</summary>
    public static PodRequest From(ObjectKey key, string uid, Pod pod, IReadOnlyDictionary<string, string>? labels, StringPool strings) => new(key, uid, pod, labels, strings);

    /// <summary>The cache entry once the pod is placed on <paramref name="node"/>.</summary>
    public AssignedPod AssignTo(string node) => new(Key, Uid, node, Labels, Request, OwnerUid, AntiAffinity);
}
