using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// v1 Services: <c>SetDefaults_Service</c> (type, session affinity, port protocol and targetPort, traffic
/// policies, node port allocation flag) and the IP family fields the service registry fills in. The simulated
/// clusters are single-stack IPv4, so a service gets SingleStack and the family of its cluster IP.
/// </summary>
/// <remarks>
/// Allocating <c>spec.clusterIP</c> and node ports is the store's job: allocate them before calling
/// <see cref="Defaulter.Apply"/>, which then mirrors clusterIP into clusterIPs (and back) and picks the family.
/// </remarks>
internal sealed class ServiceDefaulter : IKindDefaulter
{
    private const int DefaultClientIPTimeoutSeconds = 10800;

    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var spec = obj.GetOrAddObject("spec");
        spec.DefaultString("sessionAffinity", "None");
        if (spec.GetString("sessionAffinity") == "None")
        {
            spec.Remove("sessionAffinityConfig");
        }
        else if (spec.GetString("sessionAffinity") == "ClientIP"
            && spec.GetObject("sessionAffinityConfig").GetObject("clientIP").GetInt64("timeoutSeconds") is null)
        {
            spec["sessionAffinityConfig"] = new JsonObject
            {
                ["clientIP"] = new JsonObject { ["timeoutSeconds"] = DefaultClientIPTimeoutSeconds },
            };
        }

        spec.DefaultString("type", "ClusterIP");
        var type = spec.GetStringOrEmpty("type");
        foreach (var port in spec.GetArray("ports").Objects())
        {
            port.DefaultString("protocol", "TCP");
            var unset = port["targetPort"] is not JsonValue targetPort
                || (targetPort.TryGetValue<string>(out var named) && named.Length == 0)
                || JsonObjectExtensions.AsInt64(targetPort) == 0;
            if (unset && port.GetInt64("port") is { } number)
            {
                port["targetPort"] = number;
            }
        }

        var externallyAccessible = type is "LoadBalancer" or "NodePort" || (type == "ClusterIP" && spec.GetArray("externalIPs")?.Count > 0);
        if (externallyAccessible)
        {
            spec.DefaultString("externalTrafficPolicy", "Cluster");
        }

        if (type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            spec.DefaultPointer("internalTrafficPolicy", "Cluster");
            ApplyIPFamilies(spec);
        }

        if (type == "LoadBalancer")
        {
            spec.DefaultPointer("allocateLoadBalancerNodePorts", true);
        }

        if (operation == DefaultingOperation.Create)
        {
            obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
        else if (type == "LoadBalancer")
        {
            // LoadBalancerIPMode is beta and on in 1.30: an ingress IP without a mode is a VIP.
            foreach (var ingress in obj.GetObject("status").GetObject("loadBalancer").GetArray("ingress").Objects())
            {
                if (ingress.GetStringOrEmpty("ip").Length > 0)
                {
                    ingress.DefaultPointer("ipMode", "VIP");
                }
            }
        }
    }

    private static void ApplyIPFamilies(JsonObject spec)
    {
        var clusterIP = spec.GetStringOrEmpty("clusterIP");
        var clusterIPs = spec.GetArray("clusterIPs");
        if (clusterIP.Length > 0 && (clusterIPs is null || clusterIPs.Count == 0))
        {
            spec["clusterIPs"] = new JsonArray(clusterIP);
        }
        else if (clusterIP.Length == 0 && clusterIPs?.Count > 0 && clusterIPs[0] is JsonValue first && first.TryGetValue<string>(out var primary))
        {
            spec["clusterIP"] = primary;
            clusterIP = primary;
        }

        spec.DefaultPointer("ipFamilyPolicy", "SingleStack");
        if (spec.GetArray("ipFamilies") is not { Count: > 0 })
        {
            var family = IPAddress.TryParse(clusterIP, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
            spec["ipFamilies"] = new JsonArray(family);
        }
    }
}
