using System.Collections.Frozen;
using System.Text.Json;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// The kinds Keelson has typed models for. Picks the model for an object from its
/// <c>apiVersion</c> and <c>kind</c>; anything else reads as a <see cref="GenericObject"/>.
/// </summary>
public static class KnownResources
{
    /// <summary>Every kind with a typed model.</summary>
    public static IReadOnlyList<KnownResource> All { get; } =
    [
        Known<Namespace>(), Known<Node>(), Known<Pod>(), Known<Service>(), Known<Endpoints>(),
        Known<ConfigMap>(), Known<Secret>(), Known<Event>(), Known<ServiceAccount>(),
        Known<Deployment>(), Known<ReplicaSet>(), Known<StatefulSet>(), Known<ControllerRevision>(),
        Known<DaemonSet>(), Known<Job>(), Known<Lease>(), Known<PodDisruptionBudget>(),
        Known<NodeMetrics>(), Known<PodMetrics>(),
    ];

    private static readonly FrozenDictionary<(string ApiVersion, string Kind), KnownResource> ByKind =
        All.ToFrozenDictionary(k => (k.Resource.ApiVersion, k.Resource.Kind));

    private static readonly FrozenDictionary<(string ApiVersion, string Plural), KnownResource> ByPlural =
        All.ToFrozenDictionary(k => (k.Resource.ApiVersion, k.Resource.Plural));

    /// <summary>The kind with this <c>apiVersion</c> (e.g. <c>apps/v1</c>) and <c>kind</c> (e.g. <c>Deployment</c>), or null.</summary>
    public static KnownResource? Find(string apiVersion, string kind) =>
        ByKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>
    /// The kind served as <paramref name="plural"/> in <paramref name="apiVersion"/>, or null:
    /// the group version matters because <c>pods</c> is both core/v1 Pod and metrics.k8s.io PodMetrics.
    /// </summary>
    public static KnownResource? FindByPlural(string apiVersion, string plural) =>
        ByPlural.GetValueOrDefault((apiVersion, plural));

    /// <summary>The class to read an object of this <c>apiVersion</c> and <c>kind</c> into: its typed model or <see cref="GenericObject"/>.</summary>
    public static Type ModelType(string? apiVersion, string? kind) =>
        apiVersion is not null && kind is not null && Find(apiVersion, kind) is { } known ? known.ModelType : typeof(GenericObject);

    /// <summary>Reads an object as its typed model when the kind is known, as a <see cref="GenericObject"/> otherwise.</summary>
    /// <exception cref="JsonException">The JSON is not an object, or a field does not fit the model.</exception>
    public static KubernetesObject Deserialize(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"a Kubernetes object must be a JSON object, not {json.ValueKind}");
        }

        var type = ModelType(StringProperty(json, "apiVersion"), StringProperty(json, "kind"));
        return (KubernetesObject)(json.Deserialize(type, KubernetesJson.Options)
            ?? throw new JsonException("a Kubernetes object must be a JSON object, not null"));
    }

    /// <summary>Reads UTF-8 JSON as its typed model when the kind is known, as a <see cref="GenericObject"/> otherwise.</summary>
    /// <exception cref="JsonException">The bytes are not JSON, not an object, or a field does not fit the model.</exception>
    public static KubernetesObject Deserialize(ReadOnlySpan<byte> utf8Json) =>
        Deserialize(JsonSerializer.Deserialize<JsonElement>(utf8Json));

    private static KnownResource Known<T>()
        where T : KubernetesObject, IKubernetesResource => new(T.Resource, typeof(T));

    private static string? StringProperty(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
