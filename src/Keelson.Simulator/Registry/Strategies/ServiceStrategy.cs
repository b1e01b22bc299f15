using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>A new service gets a cluster IP (unless headless or ExternalName) and node ports when its type needs them; an update keeps them.</summary>
internal sealed class ServiceStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        var type = spec["type"]?.GetValue<string>() ?? "ClusterIP";
        if (type != "ExternalName" && spec["clusterIP"]?.GetValue<string>() is null or "")
        {
            var ip = context.ServiceIps.AllocateClusterIp();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
        else if (spec["clusterIP"]?.GetValue<string>() is { } chosen && chosen != "None")
        {
            context.ServiceIps.Reserve(chosen);
            spec["clusterIPs"] ??= new JsonArray(chosen);
        }

        if (type is "NodePort" or "LoadBalancer" && spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["nodePort"] ??= context.ServiceIps.AllocateNodePort();
            }
        }
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context)
    {
        // A cluster IP is kept across updates that leave it out, as kube-apiserver does.
        if (obj["spec"] is JsonObject spec && old["spec"] is JsonObject oldSpec && spec["clusterIP"] is null && oldSpec["clusterIP"] is { } ip)
        {
            spec["clusterIP"] = ip.DeepClone();
            spec["clusterIPs"] = oldSpec["clusterIPs"]?.DeepClone();
        }

        obj["status"] = old["status"]?.DeepClone();
    }
}
