using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Store;

/// <summary>Every resource the simulator serves, as a Kubernetes 1.30 API server lists them in discovery.</summary>
public sealed class ResourceCatalog
{
    private static readonly string[] None = [];
    private static readonly string[] All = ["all"];

    private readonly Dictionary<(string Group, string Plural), ResourceKind> _byPlural = [];
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceKind> _byKind = [];

    private ResourceCatalog(IEnumerable<ResourceKind> kinds)
    {
        Kinds = [.. kinds];
        foreach (var kind in Kinds)
        {
            _byPlural[(kind.Resource.Group, kind.Resource.Plural)] = kind;
            _byKind[(kind.Resource.ApiVersion, kind.Resource.Kind)] = kind;
        }
    }

    /// <summary>The resources of Kubernetes that the simulator serves.</summary>
    public static ResourceCatalog BuiltIn { get; } = new(
    [
        Core("Namespace", "namespaces", "namespace", ["ns"], None, ["status", "finalize"], ["status.phase"], namespaced: false),
        Core("Node", "nodes", "node", ["no"], None, ["status"], ["spec.unschedulable"], namespaced: false),
        Core("Pod", "pods", "pod", ["po"], All, ["binding", "eviction", "log", "status"],
            ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"]),
        Core("Service", "services", "service", ["svc"], All, ["status"], None),
        Core("Endpoints", "endpoints", "endpoints", ["ep"], None, None, None),
        Core("ConfigMap", "configmaps", "configmap", ["cm"], None, None, None),
        Core("Secret", "secrets", "secret", None, None, None, ["type"]),
        Core("Event", "events", "event", ["ev"], None, None, EventFields("involvedObject")),
        Core("ServiceAccount", "serviceaccounts", "serviceaccount", ["sa"], None, None, None),
        new(new ApiResource("events.k8s.io", "v1", "Event", "events", true), "event", ["ev"], None, None, EventFields("regarding"), false),
        Apps("Deployment", "deployments", "deployment", ["deploy"], ["scale", "status"], None),
        Apps("ReplicaSet", "replicasets", "replicaset", ["rs"], ["scale", "status"], ["status.replicas"]),
        Apps("StatefulSet", "statefulsets", "statefulset", ["sts"], ["scale", "status"], None),
        Apps("DaemonSet", "daemonsets", "daemonset", ["ds"], ["status"], None),
        new(new ApiResource("apps", "v1", "ControllerRevision", "controllerrevisions", true), "controllerrevision", None, None, None, None, false),
        new(new ApiResource("batch", "v1", "Job", "jobs", true), "job", None, All, ["status"], ["status.successful"], true),
        new(new ApiResource("coordination.k8s.io", "v1", "Lease", "leases", true), "lease", None, None, None, None, false),
        new(new ApiResource("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true), "poddisruptionbudget", ["pdb"], None, ["status"], None, true),
        new(new ApiResource("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", false), "", None, None, None, None, false, ReadOnly: true),
        new(new ApiResource("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true), "", None, None, None, None, false, ReadOnly: true),
    ]);

    /// <summary>All served resources, in discovery order.</summary>
    public IReadOnlyList<ResourceKind> Kinds { get; }

    /// <summary>The resource named by URL group and plural, or null.</summary>
    public ResourceKind? ByPlural(string group, string plural) => _byPlural.GetValueOrDefault((group, plural));

    /// <summary>The resource serving <paramref name="apiVersion"/>/<paramref name="kind"/>, or null.</summary>
    public ResourceKind? ByKind(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>The served group versions: <c>v1</c> first, then named groups in discovery order.</summary>
    public IReadOnlyList<string> GroupVersions => [.. Kinds.Select(k => k.Resource.ApiVersion).Distinct()];

    private static ResourceKind Core(string kind, string plural, string singular, string[] shortNames, string[] categories, string[] subresources, string[] fields, bool namespaced = true) =>
        new(new ApiResource("", "v1", kind, plural, namespaced), singular, shortNames, categories, subresources, fields, TracksGeneration: false);

    private static ResourceKind Apps(string kind, string plural, string singular, string[] shortNames, string[] subresources, string[] fields) =>
        new(new ApiResource("apps", "v1", kind, plural, true), singular, shortNames, All, subresources, fields, TracksGeneration: true);

    private static string[] EventFields(string regarding) =>
    [
        $"{regarding}.kind", $"{regarding}.namespace", $"{regarding}.name", $"{regarding}.uid",
        $"{regarding}.apiVersion", $"{regarding}.resourceVersion", $"{regarding}.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];
}
