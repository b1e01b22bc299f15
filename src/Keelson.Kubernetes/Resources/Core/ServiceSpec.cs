using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="Service"/>; the alpha <c>trafficDistribution</c> stays in <see cref="ExtensionData"/>.</summary>
public sealed class ServiceSpec
{
    /// <summary>Whether node ports are allocated for a LoadBalancer service.</summary>
    public bool? AllocateLoadBalancerNodePorts { get; set; }

    /// <summary>The service's virtual IP; <c>None</c> for a headless service.</summary>
    public string? ClusterIP { get; set; }

    /// <summary>The service's virtual IPs, one per IP family.</summary>
    public List<string>? ClusterIPs { get; set; }

    /// <summary>Addresses outside the cluster that route to the service.</summary>
    public List<string>? ExternalIPs { get; set; }

    /// <summary>DNS name returned for an ExternalName service.</summary>
    public string? ExternalName { get; set; }

    /// <summary><c>Cluster</c> or <c>Local</c>: how external traffic is routed.</summary>
    public string? ExternalTrafficPolicy { get; set; }

    /// <summary>Node port of the health check for <c>externalTrafficPolicy: Local</c>.</summary>
    public int? HealthCheckNodePort { get; set; }

    /// <summary><c>Cluster</c> or <c>Local</c>: how in-cluster traffic is routed.</summary>
    public string? InternalTrafficPolicy { get; set; }

    /// <summary><c>IPv4</c> and/or <c>IPv6</c>.</summary>
    public List<string>? IpFamilies { get; set; }

    /// <summary><c>SingleStack</c>, <c>PreferDualStack</c> or <c>RequireDualStack</c>.</summary>
    public string? IpFamilyPolicy { get; set; }

    /// <summary>The load balancer implementation.</summary>
    public string? LoadBalancerClass { get; set; }

    /// <summary>Deprecated: requested load balancer IP.</summary>
    public string? LoadBalancerIP { get; set; }

    /// <summary>Client CIDRs allowed through the load balancer.</summary>
    public List<string>? LoadBalancerSourceRanges { get; set; }

    /// <summary>The ports the service exposes.</summary>
    public List<ServicePort>? Ports { get; set; }

    /// <summary>Whether not-ready pods are published in DNS and endpoints.</summary>
    public bool? PublishNotReadyAddresses { get; set; }

    /// <summary>Labels of the pods traffic is routed to.</summary>
    public Dictionary<string, string>? Selector { get; set; }

    /// <summary><c>ClientIP</c> or <c>None</c>.</summary>
    public string? SessionAffinity { get; set; }

    /// <summary>Settings of session affinity.</summary>
    public SessionAffinityConfig? SessionAffinityConfig { get; set; }

    /// <summary><c>ClusterIP</c>, <c>NodePort</c>, <c>LoadBalancer</c> or <c>ExternalName</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
