using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Specification of a pod; the alpha <c>resourceClaims</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class PodSpec
{
    /// <summary>Seconds the pod may be active, counted from its start time, before the system fails it.</summary>
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>Node affinity, pod affinity and pod anti-affinity scheduling rules.</summary>
    public Affinity? Affinity { get; set; }

    /// <summary>Whether the service account token is mounted automatically.</summary>
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>The pod's containers; at least one.</summary>
    public List<Container>? Containers { get; set; }

    /// <summary>DNS parameters merged with those that <see cref="DnsPolicy"/> generates.</summary>
    public PodDnsConfig? DnsConfig { get; set; }

    /// <summary><c>ClusterFirstWithHostNet</c>, <c>ClusterFirst</c>, <c>Default</c> or <c>None</c>.</summary>
    public string? DnsPolicy { get; set; }

    /// <summary>Whether service environment variables are injected, as Docker links did.</summary>
    public bool? EnableServiceLinks { get; set; }

    /// <summary>Debugging containers added to a running pod.</summary>
    public List<EphemeralContainer>? EphemeralContainers { get; set; }

    /// <summary>Entries added to the pod's hosts file.</summary>
    public List<HostAlias>? HostAliases { get; set; }

    /// <summary>Whether the pod uses the host's IPC namespace.</summary>
    [JsonPropertyName("hostIPC")]
    public bool? HostIpc { get; set; }

    /// <summary>Whether the pod uses the host's network namespace.</summary>
    public bool? HostNetwork { get; set; }

    /// <summary>Whether the pod uses the host's PID namespace.</summary>
    [JsonPropertyName("hostPID")]
    public bool? HostPid { get; set; }

    /// <summary>Whether the pod uses the host's user namespace; false gives it its own.</summary>
    public bool? HostUsers { get; set; }

    /// <summary>The pod's hostname; defaults to a system-defined value.</summary>
    public string? Hostname { get; set; }

    /// <summary>Secrets used to pull the images.</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Containers run in order to completion before the app containers start.</summary>
    public List<Container>? InitContainers { get; set; }

    /// <summary>The node the pod is bound to.</summary>
    public string? NodeName { get; set; }

    /// <summary>Labels a node must have for the pod to be scheduled on it.</summary>
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>The operating system the pod's containers need.</summary>
    public PodOS? Os { get; set; }

    /// <summary>Resource overhead of the pod's runtime class, on top of its containers.</summary>
    public Dictionary<string, Quantity>? Overhead { get; set; }

    /// <summary><c>PreemptLowerPriority</c> or <c>Never</c>.</summary>
    public string? PreemptionPolicy { get; set; }

    /// <summary>Priority value, resolved from the priority class.</summary>
    public int? Priority { get; set; }

    /// <summary>Name of the pod's priority class.</summary>
    public string? PriorityClassName { get; set; }

    /// <summary>Extra conditions that must be true for the pod to be ready.</summary>
    public List<PodReadinessGate>? ReadinessGates { get; set; }

    /// <summary><c>Always</c>, <c>OnFailure</c> or <c>Never</c>.</summary>
    public string? RestartPolicy { get; set; }

    /// <summary>The RuntimeClass used to run the pod.</summary>
    public string? RuntimeClassName { get; set; }

    /// <summary>The scheduler that places the pod.</summary>
    public string? SchedulerName { get; set; }

    /// <summary>While any gate remains, the pod is not scheduled.</summary>
    public List<PodSchedulingGate>? SchedulingGates { get; set; }

    /// <summary>Pod-level security attributes and common container settings.</summary>
    public PodSecurityContext? SecurityContext { get; set; }

    /// <summary>Deprecated alias of <see cref="ServiceAccountName"/>.</summary>
    public string? ServiceAccount { get; set; }

    /// <summary>The service account the pod runs as.</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary>Whether the pod's hostname is its fully qualified domain name.</summary>
    [JsonPropertyName("setHostnameAsFQDN")]
    public bool? SetHostnameAsFqdn { get; set; }

    /// <summary>Whether all containers share one process namespace.</summary>
    public bool? ShareProcessNamespace { get; set; }

    /// <summary>Subdomain that, with <see cref="Hostname"/>, gives the pod a DNS name.</summary>
    public string? Subdomain { get; set; }

    /// <summary>Seconds the pod has to terminate gracefully.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Taints the pod tolerates.</summary>
    public List<Toleration>? Tolerations { get; set; }

    /// <summary>How the pods of a group spread across topology domains.</summary>
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    /// <summary>Volumes the pod's containers can mount.</summary>
    public List<Volume>? Volumes { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
