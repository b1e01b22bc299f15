using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// One pod as the simulated kubelet runs it: its containers' state, its sandbox (IP, start
/// time) and what was last written to its status. Changed only by the kubelet's worker; the
/// metrics and log readers only look at <see cref="ContainerRuntime.Logs"/>.
/// </summary>
internal sealed class PodRuntime
{
    /// <summary>Creates the runtime of <paramref name="pod"/>.</summary>
    /// <param name="key">Namespace and name.</param>
    /// <param name="uid">The pod's uid.</param>
    /// <param name="pod">The pod as decoded.</param>
    /// <param name="labels">Its labels as the store keeps them (interned, shared with the stored object): a kubelet holds 100,000 pods.</param>
    /// <param name="node">The node it runs on.</param>
    /// <param name="strings">The pool the spec's repeated strings (container names, images, policies) are shared through.</param>
    public PodRuntime(ObjectKey key, string uid, Pod pod, IReadOnlyDictionary<string, string>? labels, string node, StringPool strings)
    {
        Key = key;
        Uid = uid;
        Node = node;
        Labels = labels;
        var spec = pod.Spec ?? new PodSpec();
        RestartPolicy = strings.Intern(spec.RestartPolicy) ?? "Always";
        HostNetwork = spec.HostNetwork == true;
        InitContainers = [.. (spec.InitContainers ?? []).Select(c => new ContainerRuntime(c, init: true, uid, strings))];
        Containers = [.. (spec.Containers ?? []).Select(c => new ContainerRuntime(c, init: false, uid, strings))];
    }

    /// <summary>Namespace and name.</summary>
    public ObjectKey Key { get; }

    /// <summary>The pod's uid.</summary>
    public string Uid { get; }

    /// <summary>The node it runs on.</summary>
    public string Node { get; }

    /// <summary>Its labels (they choose its usage profile).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    /// <summary><c>Always</c>, <c>OnFailure</c> or <c>Never</c>.</summary>
    public string RestartPolicy { get; }

    /// <summary>Whether it uses the node's network (its IP is the node's).</summary>
    public bool HostNetwork { get; }

    /// <summary>Init containers, in order.</summary>
    public ContainerRuntime[] InitContainers { get; }

    /// <summary>Regular containers, in order.</summary>
    public ContainerRuntime[] Containers { get; }

    /// <summary>Both, init containers first.</summary>
    public IEnumerable<ContainerRuntime> All => InitContainers.Concat(Containers);

    /// <summary>The pod's IP once its sandbox exists.</summary>
    public string? PodIp { get; set; }

    /// <summary>When the kubelet accepted the pod.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>When the kubelet saw the deletion request, if it did.</summary>
    public DateTimeOffset? StoppingSince { get; set; }

    /// <summary>When the containers stop (SIGTERM handled or the grace period ran out).</summary>
    public DateTimeOffset? KillAt { get; set; }

    /// <summary>Whether the grace period ends before the containers finish stopping (SIGKILL).</summary>
    public bool KilledHard { get; set; }

    /// <summary>Whether the containers have stopped and the pod waits only to be removed.</summary>
    public bool Stopped { get; set; }

    /// <summary>Bumped by every change to what the status shows.</summary>
    public int Version { get; set; }

    /// <summary>The <see cref="Version"/> last written to the API (-1: write again).</summary>
    public int WrittenVersion { get; set; } = -1;

    /// <summary>The kubelet's conditions (in <see cref="PodStatusBuilder"/>'s order) as last reported, and since when.</summary>
    public (string? Status, DateTimeOffset Since)[] Conditions { get; } = new (string?, DateTimeOffset)[4];
}
