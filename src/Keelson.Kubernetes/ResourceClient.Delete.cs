using System.Text.Json;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes;

/// <summary>delete, deletecollection and the scale subresource.</summary>
public sealed partial class ResourceClient<T>
{
    /// <summary>
    /// Deletes an object. Returns its state when the server keeps it for now (a pod stopping
    /// gracefully, finalizers pending) or answers with it; null when the server answers with a
    /// success Status. With a uid or resourceVersion precondition the request is safe to
    /// repeat, and it fails with 409 if the object was replaced meanwhile.
    /// </summary>
    public async Task<T?> DeleteAsync(string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var preconditioned = options?.Preconditions is { Uid: not null } or { ResourceVersion: not null };
        var request = new ApiRequest(HttpMethod.Delete, ItemPath(name), preconditioned ? RetrySafety.Idempotent : RetrySafety.Unsafe)
        {
            Body = options is null ? null : KubernetesJson.SerializeToUtf8Bytes(WithTypeMeta(options)),
        };
        using var response = await _client.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return IsStatus(bytes) ? null : KubernetesJson.Deserialize<T>(bytes);
    }

    /// <summary>Deletes every object the selectors in <paramref name="listOptions"/> match.</summary>
    public async Task DeleteCollectionAsync(ListOptions? listOptions = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest(HttpMethod.Delete, CollectionPath() + ListQuery(listOptions, watch: false), RetrySafety.Unsafe)
        {
            Body = options is null ? null : KubernetesJson.SerializeToUtf8Bytes(WithTypeMeta(options)),
        };
        using var response = await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>Reads the scale subresource (deployments, replica sets, stateful sets).</summary>
    public Task<Scale> GetScaleAsync(string name, CancellationToken cancellationToken = default) =>
        _client.SendAsync<Scale>(new ApiRequest(HttpMethod.Get, ItemPath(name) + "/scale", RetrySafety.Read), cancellationToken);

    /// <summary>Sets the number of replicas through the scale subresource.</summary>
    public Task<Scale> ScaleAsync(string name, int replicas, CancellationToken cancellationToken = default) =>
        _client.SendAsync<Scale>(
            new ApiRequest(HttpMethod.Patch, ItemPath(name) + "/scale", RetrySafety.Idempotent)
            {
                // Setting an absolute count converges, so repeating it is safe.
                Body = KubernetesJson.SerializeToUtf8Bytes(new { spec = new { replicas } }),
                ContentType = "application/merge-patch+json",
            },
            cancellationToken);

    private static DeleteOptions WithTypeMeta(DeleteOptions options)
    {
        options.ApiVersion ??= "v1";
        options.Kind ??= "DeleteOptions";
        return options;
    }

    private static bool IsStatus(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKind = reader.ValueTextEquals("kind"u8);
            reader.Read();
            if (isKind)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Status"u8);
            }

            reader.Skip();
        }

        return false;
    }
}
