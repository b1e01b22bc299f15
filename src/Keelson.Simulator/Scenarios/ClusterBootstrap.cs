using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Scenarios;

/// <summary>
/// What a new cluster holds before anyone touches it: the system namespaces, the
/// <c>kubernetes</c> service, and one node (with its lease) per node-pool slot; with
/// <see cref="ClusterSpec.SeedRunningPods"/> also its Deployments, rolled out and Running.
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
        var schedulable = new List<(string Name, int Index)>();
        foreach (var pool in spec.NodePools)
        {
            var zones = pool.Zones.Count > 0 ? pool.Zones : [spec.Name];
            for (var i = 0; i < pool.Count; i++, nodeIndex++)
            {
                var name = $"{spec.Name}-{pool.Name}-{i:D4}";
                var zone = zones[i % zones.Count];
                Put(store, "v1", "Node", Node(spec, pool, name, zone, clusterIndex, nodeIndex, created));
                if (pool.Taints.All(t => t.Effect == "PreferNoSchedule"))
                {
                    schedulable.Add((name, nodeIndex));
                }

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

        if (spec.SeedRunningPods)
        {
            SeedDeployments(store, spec, clusterIndex, schedulable, now);
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

    /// <summary>
    /// Writes each Deployment as its controllers would leave it once rolled out: the Deployment
    /// with full status, one ReplicaSet whose template equals the Deployment's (plus the
    /// pod-template-hash label, which is how kube's Deployment controller finds it), and its
    /// pods bound round-robin to the schedulable nodes, Running and Ready.
    /// </summary>
    private static void SeedDeployments(ClusterStore store, ClusterSpec spec, int clusterIndex, List<(string Name, int Index)> nodes, DateTimeOffset now)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        var created = TimeText(now);
        var namespaces = new HashSet<string>(["default", "kube-system", "kube-public", "kube-node-lease"], StringComparer.Ordinal);
        var podsOnNode = new int[nodes.Count];
        var next = 0;
        var random = new Random(clusterIndex + 1);
        var containerId = new byte[32];
        foreach (var workload in spec.Workloads.Where(w => w.Kind == "Deployment"))
        {
            if (namespaces.Add(workload.Namespace))
            {
                Put(store, "v1", "Namespace", new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = Meta(workload.Namespace, null, created, new JsonObject { ["kubernetes.io/metadata.name"] = workload.Namespace }),
                    ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                });
                Put(store, "v1", "ServiceAccount", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = Meta("default", workload.Namespace, created, null) });
            }

            var labels = new JsonObject { ["app"] = workload.Name };
            foreach (var (key, value) in workload.Labels)
            {
                labels[key] = value;
            }

            var template = PodTemplate(workload, labels);
            var hash = TemplateHash(template);
            var deployment = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = Meta(workload.Name, workload.Namespace, created, labels.DeepClone().AsObject(), new JsonObject { ["deployment.kubernetes.io/revision"] = "1" }),
                ["spec"] = new JsonObject
                {
                    ["replicas"] = workload.Replicas,
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = workload.Name } },
                    ["template"] = template.DeepClone(),
                },
            };
            Defaults.Defaulter.Apply("apps/v1", "Deployment", deployment, Defaults.DefaultingOperation.Create);
            var rsName = $"{workload.Name}-{hash}";
            deployment["metadata"]!["generation"] = 1;
            deployment["status"] = new JsonObject
            {
                ["availableReplicas"] = workload.Replicas,
                ["conditions"] = new JsonArray(
                    WorkloadCondition("Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", created),
                    WorkloadCondition("Progressing", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", created)),
                ["observedGeneration"] = 1,
                ["readyReplicas"] = workload.Replicas,
                ["replicas"] = workload.Replicas,
                ["updatedReplicas"] = workload.Replicas,
            };
            Put(store, "apps/v1", "Deployment", deployment);

            var hashed = template.DeepClone().AsObject();
            hashed["metadata"]!["labels"]!["pod-template-hash"] = hash;
            var rsLabels = hashed["metadata"]!["labels"]!.DeepClone();
            var replicaSet = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ReplicaSet",
                ["metadata"] = Meta(rsName, workload.Namespace, created, rsLabels.AsObject(), new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = workload.Replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (workload.Replicas + (int)Math.Ceiling(workload.Replicas * 0.25)).ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/revision"] = "1",
                }),
                ["spec"] = new JsonObject
                {
                    ["replicas"] = workload.Replicas,
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = workload.Name, ["pod-template-hash"] = hash } },
                    ["template"] = hashed,
                },
            };
            Defaults.Defaulter.Apply("apps/v1", "ReplicaSet", replicaSet, Defaults.DefaultingOperation.Create);
            replicaSet["metadata"]!["generation"] = 1;
            replicaSet["metadata"]!["ownerReferences"] = Owner("apps/v1", "Deployment", workload.Name, deployment["metadata"]!["uid"]!.GetValue<string>());
            replicaSet["status"] = new JsonObject
            {
                ["availableReplicas"] = workload.Replicas,
                ["fullyLabeledReplicas"] = workload.Replicas,
                ["observedGeneration"] = 1,
                ["readyReplicas"] = workload.Replicas,
                ["replicas"] = workload.Replicas,
            };
            Put(store, "apps/v1", "ReplicaSet", replicaSet);

            // Defaulted once (admission tolerations, service account, QoS class) and cloned per pod.
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = "", ["generateName"] = rsName + "-", ["namespace"] = workload.Namespace },
                ["spec"] = hashed["spec"]!.DeepClone(),
            };
            Defaults.Defaulter.Apply("v1", "Pod", pod, Defaults.DefaultingOperation.Create);
            var status = RunningStatus(workload, pod["status"]?["qosClass"]?.GetValue<string>() ?? "Burstable", created);
            var owner = Owner("apps/v1", "ReplicaSet", rsName, replicaSet["metadata"]!["uid"]!.GetValue<string>());
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < workload.Replicas; i++)
            {
                string name;
                do
                {
                    name = rsName + "-" + string.Create(5, random, static (span, r) =>
                    {
                        for (var c = 0; c < span.Length; c++)
                        {
                            span[c] = SafeAlphabet[r.Next(SafeAlphabet.Length)];
                        }
                    });
                }
                while (!names.Add(name));

                var slot = next++ % nodes.Count;
                var (node, index) = nodes[slot];
                var ip = PodCidr(index)[..^4] + (2 + (podsOnNode[slot]++ % 250)).ToString(CultureInfo.InvariantCulture);
                var copy = pod.DeepClone().AsObject();
                var meta = Meta(name, workload.Namespace, created, rsLabels.DeepClone().AsObject());
                meta.Insert(1, "generateName", rsName + "-");
                meta["ownerReferences"] = owner.DeepClone();
                copy["metadata"] = meta;
                copy["spec"]!["nodeName"] = node;
                var running = status.DeepClone().AsObject();
                var hostIp = NodeIp(clusterIndex, index);
                running["hostIP"] = hostIp;
                running["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
                running["podIP"] = ip;
                running["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
                random.NextBytes(containerId);
                running["containerStatuses"]![0]!["containerID"] = "containerd://" + Convert.ToHexStringLower(containerId);
                copy["status"] = running;
                Put(store, "v1", "Pod", copy);
            }
        }
    }

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static JsonObject PodTemplate(WorkloadSpec workload, JsonObject labels)
    {
        var requests = new JsonObject { ["cpu"] = workload.Cpu, ["memory"] = workload.Memory };
        var limits = new JsonObject { ["memory"] = workload.Memory };
        if (!string.IsNullOrEmpty(workload.CpuLimit))
        {
            limits["cpu"] = workload.CpuLimit;
        }

        var container = new JsonObject
        {
            ["image"] = workload.Image,
            ["name"] = workload.Name,
            ["resources"] = new JsonObject { ["limits"] = limits, ["requests"] = requests },
        };
        if (workload.Port > 0)
        {
            container["ports"] = new JsonArray(new JsonObject { ["containerPort"] = workload.Port, ["protocol"] = "TCP" });
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
        };
    }

    /// <summary>kube's form of a pod-template-hash: FNV-32a of the template, its decimal digits mapped onto the safe alphabet.</summary>
    private static string TemplateHash(JsonObject template)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(template.ToJsonString()))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return string.Concat(hash.ToString(CultureInfo.InvariantCulture).Select(c => SafeAlphabet[c % SafeAlphabet.Length]));
    }

    private static JsonArray Owner(string apiVersion, string kind, string name, string uid) => new(new JsonObject
    {
        ["apiVersion"] = apiVersion,
        ["blockOwnerDeletion"] = true,
        ["controller"] = true,
        ["kind"] = kind,
        ["name"] = name,
        ["uid"] = uid,
    });

    /// <summary>A Running, Ready pod's status; the caller fills in the addresses and the container id.</summary>
    private static JsonObject RunningStatus(WorkloadSpec workload, string qos, string time)
    {
        static JsonObject PodCondition(string type, string time) => new()
        {
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = time,
            ["status"] = "True",
            ["type"] = type,
        };

        var image = workload.Image.Contains('/', StringComparison.Ordinal) ? workload.Image : "docker.io/library/" + workload.Image;
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(image)));
        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                PodCondition("PodReadyToStartContainers", time),
                PodCondition("Initialized", time),
                PodCondition("Ready", time),
                PodCondition("ContainersReady", time),
                PodCondition("PodScheduled", time)),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["containerID"] = "",
                ["image"] = image,
                ["imageID"] = image.Split(':')[0] + "@sha256:" + digest,
                ["lastState"] = new JsonObject(),
                ["name"] = workload.Name,
                ["ready"] = true,
                ["restartCount"] = 0,
                ["started"] = true,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = time } },
            }),
            ["hostIP"] = "",
            ["hostIPs"] = new JsonArray(),
            ["phase"] = "Running",
            ["podIP"] = "",
            ["podIPs"] = new JsonArray(),
            ["qosClass"] = qos,
            ["startTime"] = time,
        };
    }

    private static JsonObject WorkloadCondition(string type, string reason, string message, string time) => new()
    {
        ["lastTransitionTime"] = time,
        ["lastUpdateTime"] = time,
        ["message"] = message,
        ["reason"] = reason,
        ["status"] = "True",
        ["type"] = type,
    };

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
