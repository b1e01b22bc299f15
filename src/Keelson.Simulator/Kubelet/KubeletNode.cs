using System.Collections;
using System.Globalization;
using System.Net;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Metrics;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// What the kubelet of one node keeps: its addresses, the pod IPs it handed out from the node's
/// pod CIDR (host-local IPAM: lowest free address first), the images it has pulled and the pods
/// it runs. Shared by the kubelet's worker, its heartbeat loop and the metrics reader, so every
/// member locks.
/// </summary>
internal sealed class KubeletNode
{
    private const int MaxHosts = 1022;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    // A list: a node runs about a hundred pods at most, and 10,000 hash sets of them were 5 MB.
    private readonly List<ObjectKey> _pods = [];
    // Bits, not bools: at 10,000 nodes a bool per address was 10 MB.
    private readonly BitArray _used = new(MaxHosts + 2);
    private uint _network;
    private int _hosts = 254;

    public KubeletNode(string name) => Name = name;

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>The node object's uid (events about the node carry it).</summary>
    public string Uid { get; private set; } = "";

    /// <summary>The node's zone, which zone partitions cut off.</summary>
    public string? Zone { get; private set; }

    /// <summary>The node's InternalIP (pods' hostIP).</summary>
    public string? InternalIp { get; private set; }

    /// <summary>The node's conditions as stored (type, status, reason, message), to tell when the kubelet must post again.</summary>
    public string StoredConditions { get; private set; } = "";

    /// <summary>The stored Ready status.</summary>
    public string? Ready { get; private set; }

    /// <summary>
    /// Takes addresses, the pod CIDR and the conditions from the node object; <paramref name="uid"/> is
    /// the stored node's, and repeated strings come from <paramref name="strings"/> (10,000 kubelets).
    /// </summary>
    public void Update(Node node, string uid, StringPool strings)
    {
        lock (_lock)
        {
            var conditions = node.Status?.Conditions ?? [];
            StoredConditions = NodeHeartbeats.Signature(conditions.Select(c => new Faults.NodeConditionFault(c.Type ?? "", c.Status ?? "", c.Reason ?? "", c.Message ?? "")));
            Ready = strings.Intern(conditions.FirstOrDefault(c => c.Type == "Ready")?.Status);
            Uid = uid;
            Zone = strings.Intern(node.Metadata.Labels?.GetValueOrDefault("topology.kubernetes.io/zone"));
            var ip = node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
            InternalIp = ip is null || ip == InternalIp ? InternalIp : ip;
            if (_network == 0)
            {
                (_network, _hosts) = Network(node.Spec?.PodCidr, Name);
            }
        }
    }

    /// <summary>The lowest free pod IP, or null when the range is used up.</summary>
    public string? AllocateIp()
    {
        lock (_lock)
        {
            // .0 is the network, .1 the bridge gateway, as with the bridge CNI plugin.
            for (var host = 2; host <= _hosts; host++)
            {
                if (!_used[host])
                {
                    _used[host] = true;
                    return Format(_network + (uint)host);
                }
            }

            return null;
        }
    }

    /// <summary>Marks a pod IP taken by a pod this kubelet adopted.</summary>
    public void ReserveIp(string? ip) => SetIp(ip, used: true);

    /// <summary>Returns a pod IP to the pool.</summary>
    public void ReleaseIp(string? ip) => SetIp(ip, used: false);

    private void SetIp(string? ip, bool used)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var address))
        {
            return;
        }

        lock (_lock)
        {
            var bytes = address.GetAddressBytes();
            var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
            var host = value - _network;
            if (host < (uint)_used.Length)
            {
                _used[(int)host] = used;
            }
        }
    }

    /// <summary>Whether an image was pulled here.</summary>
    public bool HasImage(string image)
    {
        lock (_lock)
        {
            return _images.Contains(image);
        }
    }

    /// <summary>Remembers a pulled image.</summary>
    public void AddImage(string image)
    {
        lock (_lock)
        {
            _images.Add(image);
        }
    }

    /// <summary>Notes a pod the kubelet runs here.</summary>
    public void AddPod(ObjectKey pod)
    {
        lock (_lock)
        {
            if (!_pods.Contains(pod))
            {
                _pods.Add(pod);
            }
        }
    }

    /// <summary>Forgets a pod.</summary>
    public void RemovePod(ObjectKey pod)
    {
        lock (_lock)
        {
            _pods.Remove(pod);
        }
    }

    /// <summary>The pods the kubelet runs here.</summary>
    public List<ObjectKey> Pods()
    {
        lock (_lock)
        {
            return [.. _pods];
        }
    }

    /// <summary>The first address and host count of an IPv4 pod CIDR; a node without one gets a /24 of 10.244.0.0/16 by name.</summary>
    private static (uint Network, int Hosts) Network(string? cidr, string node)
    {
        var parts = cidr?.Split('/');
        if (parts is { Length: 2 } && IPAddress.TryParse(parts[0], out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits is >= 16 and <= 30)
        {
            var bytes = address.GetAddressBytes();
            var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
            return (value, Math.Min(MaxHosts, (1 << (32 - bits)) - 2));
        }

        var third = (uint)(StableHash.Of(0, node) % 256);
        return ((10u << 24) | (244u << 16) | (third << 8), 254);
    }

    private static string Format(uint value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}");
}
