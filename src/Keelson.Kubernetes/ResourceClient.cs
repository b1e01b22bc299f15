using System.Runtime.CompilerServices;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Kubernetes;

/// <summary>
/// The verbs on one resource, in one namespace or (when <see cref="Namespace"/> is null)
/// across all namespaces / cluster-scoped. Obtain one from <see cref="KubernetesClient.Resource{T}(string?)"/>.
/// </summary>
/// <typeparam name="T">The object model (<see cref="GenericObject"/> for kinds without one).</typeparam>
public sealed partial class ResourceClient<T>
    where T : KubernetesObject
{
    private readonly KubernetesClient _client;

    internal ResourceClient(KubernetesClient client, ApiResource resource, string? @namespace)
    {
        _client = client;
        Resource = resource;
        Namespace = resource.Namespaced ? @namespace : null;
    }

    /// <summary>The resource served.</summary>
    public ApiResource Resource { get; }

    /// <summary>The namespace, or null for all namespaces / a cluster-scoped resource.</summary>
    public string? Namespace { get; }

    /// <summary>The same resource in another namespace.</summary>
    public ResourceClient<T> InNamespace(string? @namespace) => new(_client, Resource, @namespace);

    /// <summary>Reads one object.</summary>
    /// <exception cref="KubernetesApiException">404 when it does not exist.</exception>
    public Task<T> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _client.SendAsync<T>(new ApiRequest(HttpMethod.Get, ItemPath(name), RetrySafety.Read), cancellationToken);

    /// <summary>Reads one object, or null when it does not exist.</summary>
    public async Task<T?> GetOrNullAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(name, cancellationToken);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Reads one page of objects (all of them when <see cref="ListOptions.Limit"/> is unset).</summary>
    public Task<KubernetesList<T>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SendAsync<KubernetesList<T>>(new ApiRequest(HttpMethod.Get, CollectionPath() + ListQuery(options, watch: false), RetrySafety.Read), cancellationToken);

    /// <summary>
    /// Reads every page, <paramref name="pageSize"/> objects at a time, as one consistent
    /// snapshot (all pages share the first page's resource version). Throws a 410
    /// <see cref="KubernetesApiException"/> if a continue token expires midway: start again.
    /// </summary>
    public async IAsyncEnumerable<KubernetesList<T>> ListPagesAsync(
        ListOptions? options = null,
        int pageSize = 500,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = (options ?? new ListOptions()) with { Limit = pageSize, Continue = null };
        while (true)
        {
            var list = await ListAsync(page, cancellationToken);
            yield return list;
            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                yield break;
            }

            // A continue token carries the snapshot; resourceVersion must not be sent with it.
            page = page with { Continue = list.Metadata.Continue, ResourceVersion = null, ResourceVersionMatch = null };
        }
    }

    /// <summary>
    /// Reads all objects page by page into one list. When a continue token expires midway the
    /// whole list is read again in one request, as client-go's pager does.
    /// </summary>
    public async Task<KubernetesList<T>> ListAllAsync(ListOptions? options = null, int pageSize = 500, CancellationToken cancellationToken = default)
    {
        KubernetesList<T>? all = null;
        try
        {
            await foreach (var page in ListPagesAsync(options, pageSize, cancellationToken))
            {
                if (all is null)
                {
                    all = page;
                }
                else
                {
                    all.Items.AddRange(page.Items);
                }
            }
        }
        catch (KubernetesApiException e) when (e.IsGone && all is not null)
        {
            return await ListAsync((options ?? new ListOptions()) with { Limit = null, Continue = null }, cancellationToken);
        }

        all!.Metadata.Continue = null;
        all.Metadata.RemainingItemCount = null;
        return all;
    }

    /// <summary>Creates an object in <see cref="Namespace"/> (or the object's own namespace).</summary>
    /// <exception cref="KubernetesApiException">409 AlreadyExists, 422 Invalid with the field causes, ...</exception>
    public Task<T> CreateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var path = Resource.CollectionPath(NamespaceOf(obj)) + WriteQuery(options);
        return _client.SendAsync<T>(
            new ApiRequest(HttpMethod.Post, path, RetrySafety.Unsafe) { Body = KubernetesJson.SerializeToUtf8Bytes(obj) },
            cancellationToken);
    }

    /// <summary>
    /// Replaces an object. When it carries <c>metadata.resourceVersion</c> the server refuses
    /// (409 Conflict) if the object changed since it was read: optimistic concurrency.
    /// </summary>
    public Task<T> ReplaceAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Put(obj, "", options, cancellationToken);

    /// <summary>Replaces an object's status (the <c>status</c> subresource).</summary>
    public Task<T> ReplaceStatusAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Put(obj, "/status", options, cancellationToken);

    /// <summary>Patches an object.</summary>
    public Task<T> PatchAsync(string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatch(name, "", patch, options, cancellationToken);

    /// <summary>Patches an object's status (the <c>status</c> subresource).</summary>
    public Task<T> PatchStatusAsync(string name, Patch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatch(name, "/status", patch, options, cancellationToken);

    /// <summary>
    /// Server-side apply: sends the fields <paramref name="fieldManager"/> wants set; the server
    /// merges them, records ownership and reports conflicts with other managers (409) unless
    /// <paramref name="force"/>.
    /// </summary>
    public Task<T> ApplyAsync(T obj, string fieldManager, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        var name = obj.Metadata.Name ?? throw new ArgumentException("server-side apply needs metadata.name", nameof(obj));
        var patch = new Patch(PatchType.Apply, KubernetesJson.SerializeToUtf8Bytes(obj));
        return InNamespace(NamespaceOf(obj)).SendPatch(name, "", patch, new WriteOptions { FieldManager = fieldManager, Force = force }, cancellationToken);
    }

    /// <summary>
    /// Watches for changes: ADDED, MODIFIED, DELETED and BOOKMARK events, from
    /// <see cref="ListOptions.ResourceVersion"/> on. The stream ends when the server closes it
    /// (e.g. after <see cref="ListOptions.TimeoutSeconds"/>); resume from the last event's
    /// resource version. An ERROR event (e.g. 410 Gone: the version is too old, relist) is
    /// thrown as a <see cref="KubernetesApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = CollectionPath() + ListQuery(options, watch: true);
        using var response = await _client.SendAsync(new ApiRequest(HttpMethod.Get, path, RetrySafety.Read) { Streaming = true }, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var e in WatchStreamReader.ReadAsync<T>(stream, cancellationToken))
        {
            if (e.Type == WatchEventType.Error)
            {
                throw new KubernetesApiException(_client.Options.DisplayName, "WATCH", path, e.Error!);
            }

            yield return e;
        }
    }

    /// <summary>The namespace requests go to: this client's, else the connection's default.</summary>
    internal string? EffectiveNamespace => Resource.Namespaced ? Namespace ?? _client.Options.Namespace : null;

    internal async Task SendSubresourceAsync(HttpMethod method, string name, string subresource, object body, RetrySafety safety, bool retryTooManyRequests, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(method, ItemPath(name) + "/" + subresource, safety)
        {
            Body = KubernetesJson.SerializeToUtf8Bytes(body),
            RetryTooManyRequests = retryTooManyRequests,
        };
        using var response = await _client.SendAsync(request, cancellationToken);
    }

    internal Task<HttpResponseMessage> SendLogRequestAsync(string name, LogOptions? options, bool follow, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .Add("container", options?.Container)
            .Add("follow", follow)
            .Add("tailLines", options?.TailLines)
            .Add("sinceSeconds", options?.SinceSeconds)
            .Add("previous", options?.Previous ?? false)
            .Add("timestamps", options?.Timestamps ?? false);
        return _client.SendAsync(
            new ApiRequest(HttpMethod.Get, ItemPath(name) + "/log" + query, RetrySafety.Read) { Accept = "text/plain, */*", Streaming = follow },
            cancellationToken);
    }

    private Task<T> Put(T obj, string subresource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata.Name ?? throw new ArgumentException("replace needs metadata.name", nameof(obj));
        var safety = string.IsNullOrEmpty(obj.Metadata.ResourceVersion) ? RetrySafety.Unsafe : RetrySafety.Idempotent;
        var path = Resource.ItemPath(NamespaceOf(obj), name) + subresource + WriteQuery(options);
        return _client.SendAsync<T>(
            new ApiRequest(HttpMethod.Put, path, safety) { Body = KubernetesJson.SerializeToUtf8Bytes(obj) },
            cancellationToken);
    }

    private Task<T> SendPatch(string name, string subresource, Patch patch, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var safety = patch.Type == PatchType.Apply ? RetrySafety.Idempotent : RetrySafety.Unsafe;
        return _client.SendAsync<T>(
            new ApiRequest(HttpMethod.Patch, ItemPath(name) + subresource + WriteQuery(options), safety)
            {
                Body = patch.Body,
                ContentType = patch.ContentType,
            },
            cancellationToken);
    }

    private string? NamespaceOf(T obj)
    {
        if (!Resource.Namespaced)
        {
            return null;
        }

        var ns = obj.Metadata.Namespace;
        if (!string.IsNullOrEmpty(Namespace) && !string.IsNullOrEmpty(ns) && ns != Namespace)
        {
            throw new ArgumentException(
                $"{Resource.Kind} \"{obj.Metadata.Name}\" is in namespace \"{ns}\" but this client is for namespace \"{Namespace}\"; use InNamespace(\"{ns}\")",
                nameof(obj));
        }

        return !string.IsNullOrEmpty(ns) ? ns : Namespace ?? _client.Options.Namespace;
    }

    private string CollectionPath() => Resource.CollectionPath(Namespace);

    private string ItemPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Resource.ItemPath(Resource.Namespaced ? Namespace ?? _client.Options.Namespace : null, name);
    }

    private static string ListQuery(ListOptions? o, bool watch)
    {
        var q = new QueryString();
        if (o is not null)
        {
            q.Add("labelSelector", o.LabelSelector)
             .Add("fieldSelector", o.FieldSelector)
             .Add("limit", watch ? null : o.Limit)
             .Add("continue", watch ? null : o.Continue)
             .Add("resourceVersion", o.ResourceVersion)
             .Add("resourceVersionMatch", watch ? null : o.ResourceVersionMatch)
             .Add("timeoutSeconds", o.TimeoutSeconds);
        }

        if (watch)
        {
            q.Add("watch", true).Add("allowWatchBookmarks", o?.AllowWatchBookmarks ?? true);
        }

        return q.ToString();
    }

    private static string WriteQuery(WriteOptions? o) =>
        o is null ? "" : new QueryString()
            .Add("dryRun", o.DryRun ? "All" : null)
            .Add("fieldManager", o.FieldManager)
            .Add("fieldValidation", o.FieldValidation)
            .Add("force", o.Force)
            .ToString();
}
