using System.Globalization;
using System.Text.Json;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Pods;

/// <summary>
/// What the workload controllers read from a pod, parsed once per stored version so a
/// reconcile pass over thousands of pods does not parse their JSON again. Immutable.
/// </summary>
public sealed class PodFacts
{
    private PodFacts(StoredObject pod)
    {
        Key = pod.Key;
        Uid = pod.Uid;
        ResourceVersion = pod.ResourceVersion;
        Labels = pod.Labels;
        Terminating = pod.Terminating;
    }

    /// <summary>Namespace and name.</summary>
    public ObjectKey Key { get; }

    /// <summary>The pod's name.</summary>
    public string Name => Key.Name;

    /// <summary>The pod's uid.</summary>
    public string Uid { get; }

    /// <summary>The stored version these facts were read from.</summary>
    public long ResourceVersion { get; }

    /// <summary>The pod's labels (shared with the stored object).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    /// <summary>Whether deletion has begun (deletionTimestamp set).</summary>
    public bool Terminating { get; }

    /// <summary>When the pod was created.</summary>
    public DateTimeOffset Created { get; private init; }

    /// <summary><c>status.phase</c>, empty before the API server set one.</summary>
    public string Phase { get; private init; } = "";

    /// <summary><c>spec.nodeName</c>, or null before the pod is bound.</summary>
    public string? NodeName { get; private init; }

    /// <summary>
    /// The node the pod is meant for: its <c>spec.nodeName</c>, else the single name of a required
    /// node affinity term <c>matchFields metadata.name In [node]</c>, as DaemonSet pods carry it.
    /// </summary>
    public string? TargetNode { get; private init; }

    /// <summary><c>status.podIP</c>, or null before the kubelet assigned one.</summary>
    public string? PodIp { get; private init; }

    /// <summary>Whether the <c>Ready</c> condition is <c>True</c>.</summary>
    public bool Ready { get; private init; }

    /// <summary>When the <c>Ready</c> condition last changed, if the pod has one.</summary>
    public DateTimeOffset? ReadyChanged { get; private init; }

    /// <summary><c>spec.hostname</c>, if set.</summary>
    public string? Hostname { get; private init; }

    /// <summary><c>spec.subdomain</c>, if set.</summary>
    public string? Subdomain { get; private init; }

    /// <summary>The owner reference marked as controller, if any.</summary>
    public ControllerReference? Controller { get; private init; }

    /// <summary>The named ports of its containers, in declaration order; empty when none has a name.</summary>
    public IReadOnlyList<NamedPort> NamedPorts { get; private init; } = [];

    /// <summary>Whether the pod ran to an end (<c>Succeeded</c> or <c>Failed</c>).</summary>
    public bool Terminal => Phase is "Succeeded" or "Failed";

    /// <summary>Whether the pod is <c>Running</c> and <c>Ready</c>.</summary>
    public bool RunningAndReady => Phase == "Running" && Ready;

    /// <summary>The value of a label, or null.</summary>
    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// Whether the pod is available as kube's <c>IsPodAvailable</c> says: ready, and ready for at
    /// least <paramref name="minReadySeconds"/> by <paramref name="now"/>.
    /// </summary>
    public bool Available(int minReadySeconds, DateTimeOffset now) =>
        Ready && (minReadySeconds == 0 || (ReadyChanged is { } since && since.AddSeconds(minReadySeconds) < now));

    /// <summary>
    /// The first moment a pod that is ready but not yet available counts as available (readiness
    /// must last strictly longer than <paramref name="minReadySeconds"/>), or null when none is pending.
    /// </summary>
    public DateTimeOffset? AvailableAt(int minReadySeconds, DateTimeOffset now) =>
        Ready && minReadySeconds > 0 && ReadyChanged is { } since && since.AddSeconds(minReadySeconds) >= now
            ? since.AddSeconds(minReadySeconds).AddTicks(1)
            : null;

    /// <summary>Reads the facts of a stored pod; repeated strings come from <paramref name="strings"/>.</summary>
    public static PodFacts Read(StoredObject pod, StringPool strings) => Read(pod, strings, null, null);

    /// <summary>
    /// Reads the facts of a stored pod; repeated strings come from <paramref name="strings"/>, and the
    /// controller reference and named ports from the pools given (siblings share them).
    /// </summary>
    internal static PodFacts Read(StoredObject pod, StringPool strings, ValuePool<ControllerReference>? controllers, ValuePool<NamedPort[]>? ports)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(strings);
        using var document = JsonDocument.Parse(pod.Json);
        var root = document.RootElement;
        var meta = Child(root, "metadata");
        var spec = Child(root, "spec");
        var status = Child(root, "status");
        var nodeName = strings.Intern(Text(spec, "nodeName"));
        var (ready, readyChanged) = ReadyCondition(status);
        var controller = ControllerOf(meta, strings);
        var named = Ports(spec, strings);
        return new PodFacts(pod)
        {
            Created = Time(meta, "creationTimestamp") ?? DateTimeOffset.MinValue,
            Phase = strings.Intern(Text(status, "phase")) ?? "",
            NodeName = nodeName,
            TargetNode = nodeName ?? strings.Intern(AffinityNode(spec)),
            PodIp = Text(status, "podIP"),
            Ready = ready,
            ReadyChanged = readyChanged,
            Hostname = Text(spec, "hostname"),
            Subdomain = strings.Intern(Text(spec, "subdomain")),
            Controller = controller is not null && controllers is not null ? controllers.Share(controller) : controller,
            NamedPorts = named.Length > 0 && ports is not null ? ports.Share(named) : named,
        };
    }

    private static (bool Ready, DateTimeOffset? Changed) ReadyCondition(JsonElement? status)
    {
        if (Child(status, "conditions") is not { ValueKind: JsonValueKind.Array } conditions)
        {
            return (false, null);
        }

        foreach (var condition in conditions.EnumerateArray())
        {
            if (Text(condition, "type") == "Ready")
            {
                return (Text(condition, "status") == "True", Time(condition, "lastTransitionTime"));
            }
        }

        return (false, null);
    }

    private static ControllerReference? ControllerOf(JsonElement? meta, StringPool strings)
    {
        if (Child(meta, "ownerReferences") is not { ValueKind: JsonValueKind.Array } owners)
        {
            return null;
        }

        foreach (var owner in owners.EnumerateArray())
        {
            if (Child(owner, "controller") is { ValueKind: JsonValueKind.True })
            {
                return new ControllerReference(
                    strings.Intern(Text(owner, "apiVersion")) ?? "",
                    strings.Intern(Text(owner, "kind")) ?? "",
                    strings.Intern(Text(owner, "name")) ?? "",
                    strings.Intern(Text(owner, "uid")) ?? "");
            }
        }

        return null;
    }

    /// <summary>kube's <c>GetTargetNodeName</c>: the single value of a <c>metadata.name In</c> field requirement.</summary>
    private static string? AffinityNode(JsonElement? spec)
    {
        var required = Child(Child(Child(spec, "affinity"), "nodeAffinity"), "requiredDuringSchedulingIgnoredDuringExecution");
        if (Child(required, "nodeSelectorTerms") is not { ValueKind: JsonValueKind.Array } terms)
        {
            return null;
        }

        foreach (var term in terms.EnumerateArray())
        {
            if (Child(term, "matchFields") is not { ValueKind: JsonValueKind.Array } fields)
            {
                continue;
            }

            foreach (var field in fields.EnumerateArray())
            {
                if (Text(field, "key") == "metadata.name" && Text(field, "operator") == "In" &&
                    Child(field, "values") is { ValueKind: JsonValueKind.Array } values && values.GetArrayLength() == 1)
                {
                    return values[0].GetString();
                }
            }
        }

        return null;
    }

    private static NamedPort[] Ports(JsonElement? spec, StringPool strings)
    {
        if (Child(spec, "containers") is not { ValueKind: JsonValueKind.Array } containers)
        {
            return [];
        }

        List<NamedPort>? named = null;
        foreach (var container in containers.EnumerateArray())
        {
            if (Child(container, "ports") is not { ValueKind: JsonValueKind.Array } ports)
            {
                continue;
            }

            foreach (var port in ports.EnumerateArray())
            {
                if (Text(port, "name") is { Length: > 0 } name && Child(port, "containerPort") is { ValueKind: JsonValueKind.Number } number)
                {
                    (named ??= []).Add(new NamedPort(strings.Intern(name)!, number.GetInt32(), strings.Intern(Text(port, "protocol")) ?? "TCP"));
                }
            }
        }

        return named is null ? [] : [.. named];
    }

    private static JsonElement? Child(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : null;

    private static string? Text(JsonElement? element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement? element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
