using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Scenarios;

/// <summary>
/// What a new cluster holds before anyone touches it: the system namespaces, the
/// <c>kubernetes</c> service, and one node (with its lease) per node-pool slot.
/// </summary>
public static class ClusterBootstrap
{
    /// <summary>The first patch version reported for a minor version (<c>1.30</c> → <c>v1.30.4</c>).</summary>
    public const int PatchVersion = 4;

    /// <summary>Fills an empty store for <paramref name="spec"/>.</summary>
    public static void Seed(ClusterStore store, ClusterSpec spec, int clusterIndex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var created = TimeText(now);
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Put(store, "v1", "Namespace", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = Meta(ns, null, created, new JsonObject { ["kubernetes.io/metadata.name"] = ns }),
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
            Put(store, "v1", "ServiceAccount", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = Meta("default", ns, created, null),
            });
        }

        Put(store, "v1", "Service", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = Meta("kubernetes", "default", created, new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" }),
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.96.0.1",
                ["clusterIPs"] = new JsonArray("10.96.0.1"),
                ["internalTrafficPolicy"] = "Cluster",
                ["ipFamilies"] = new JsonArray("IPv4"),
                ["ipFamilyPolicy"] = "SingleStack",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
                ["sessionAffinity"] = "None",
                ["type"] = "ClusterIP",
            },
            ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() },
        });

        var nodeIndex = 0;
        foreach (var pool in spec.NodePools)
        {
            var zones = pool.Zones.Count > 0 ? pool.Zones : [spec.Name];
            for (var i = 0; i < pool.Count; i++, nodeIndex++)
            {
                var name = $"{spec.Name}-{pool.Name}-{i:D4}";
                var zone = zones[i % zones.Count];
                Put(store, "v1", "Node", Node(spec, pool, name, zone, clusterIndex, nodeIndex, created));
                Put(store, "coordination.k8s.io/v1", "Lease", new JsonObject
                {
                    ["apiVersion"] = "coordination.k8s.io/v1",
                    ["kind"] = "Lease",
                    ["metadata"] = Meta(name, "kube-node-lease", created, null),
                    ["spec"] = new JsonObject
                    {
                        ["holderIdentity"] = name,
                        ["leaseDurationSeconds"] = 40,
                        ["renewTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    },
                });
            }
        }
    }

    /// <summary>A node as a kubelet registers it, Ready.</summary>
    public static JsonObject Node(ClusterSpec cluster, Scenarios.NodePoolSpec pool, string name, string zone, int clusterIndex, int nodeIndex, string created)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(pool);
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["node.kubernetes.io/instance-type"] = $"sim.{pool.Cpu}x{pool.Memory}".ToLowerInvariant(),
            ["topology.kubernetes.io/region"] = cluster.Labels.GetValueOrDefault("region", cluster.Name),
            ["topology.kubernetes.io/zone"] = zone,
            ["keelson.dev/node-pool"] = pool.Name,
        };
        foreach (var (key, value) in pool.Labels)
        {
            labels[key] = value;
        }

        var spec = new JsonObject { ["podCIDR"] = PodCidr(nodeIndex), ["podCIDRs"] = new JsonArray(PodCidr(nodeIndex)) };
        if (pool.Taints.Count > 0)
        {
            spec["taints"] = new JsonArray([.. pool.Taints.Select(t =>
            {
                var taint = new JsonObject { ["effect"] = t.Effect, ["key"] = t.Key };
                if (!string.IsNullOrEmpty(t.Value))
                {
                    taint["value"] = t.Value;
                }

                return (JsonNode)taint;
            })]);
        }

        var cpu = Quantity.Parse(pool.Cpu);
        var memory = Quantity.Parse(pool.Memory);
        var version = $"v{cluster.Version}.{PatchVersion}";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = Meta(name, null, created, labels, new JsonObject
            {
                ["node.alpha.kubernetes.io/ttl"] = "0",
                ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
            }),
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(
                    new JsonObject { ["address"] = NodeIp(clusterIndex, nodeIndex), ["type"] = "InternalIP" },
                    new JsonObject { ["address"] = name, ["type"] = "Hostname" }),
                ["allocatable"] = new JsonObject
                {
                    ["cpu"] = cpu.ToString(),
                    ["ephemeral-storage"] = "95Gi",
                    ["memory"] = memory.ToString(),
                    ["pods"] = pool.Pods.ToString(CultureInfo.InvariantCulture),
                },
                ["capacity"] = new JsonObject
                {
                    ["cpu"] = cpu.ToString(),
                    ["ephemeral-storage"] = "100Gi",
                    ["memory"] = memory.ToString(),
                    ["pods"] = pool.Pods.ToString(CultureInfo.InvariantCulture),
                },
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", created),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", created),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", created),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", created)),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["architecture"] = "amd64",
                    ["bootID"] = DeterministicUid(cluster.Name, name, "boot"),
                    ["containerRuntimeVersion"] = "containerd://1.7.13",
                    ["kernelVersion"] = "6.1.0-21-cloud-amd64",
                    ["kubeProxyVersion"] = version,
                    ["kubeletVersion"] = version,
                    ["machineID"] = DeterministicUid(cluster.Name, name, "machine").Replace("-", "", StringComparison.Ordinal),
                    ["operatingSystem"] = "linux",
                    ["osImage"] = "Debian GNU/Linux 12 (bookworm)",
                    ["systemUUID"] = DeterministicUid(cluster.Name, name, "system"),
                },
            },
        };
    }

    /// <summary>The node's InternalIP: 10.CLUSTER.x.y, unique per node in a cluster (up to 65,000 nodes).</summary>
    public static string NodeIp(int clusterIndex, int nodeIndex)
    {
        var n = nodeIndex + 10; // skip the .0 network address and a few reserved ones
        return $"10.{clusterIndex & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>The node's pod CIDR: one /24 per node out of 100.64.0.0/10.</summary>
    public static string PodCidr(int nodeIndex) => $"{100 + (nodeIndex >> 14)}.{64 + ((nodeIndex >> 8) & 63)}.{nodeIndex & 255}.0/24";

    /// <summary>A stable uid derived from names, so a scenario replays with the same uids.</summary>
    public static string DeterministicUid(params string[] parts)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('/', parts)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    /// <summary>A time as metadata carries it.</summary>
    public static string TimeText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Condition(string type, string status, string reason, string message, string time) => new()
    {
        ["lastHeartbeatTime"] = time,
        ["lastTransitionTime"] = time,
        ["message"] = message,
        ["reason"] = reason,
        ["status"] = status,
        ["type"] = type,
    };

    private static JsonObject Meta(string name, string? ns, string created, JsonObject? labels, JsonObject? annotations = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = created;
        if (labels is not null)
        {
            meta["labels"] = labels;
        }

        if (annotations is not null)
        {
            meta["annotations"] = annotations;
        }

        return meta;
    }

    private static void Put(ClusterStore store, string apiVersion, string kind, JsonObject obj)
    {
        var resource = store.Catalog.ByKind(apiVersion, kind)!;
        var meta = (JsonObject)obj["metadata"]!;
        var key = new ObjectKey(meta["namespace"]?.GetValue<string>() ?? "", meta["name"]!.GetValue<string>());
        store.Table(resource).Write(key, _ => Mutation.Put(obj));
    }
}
