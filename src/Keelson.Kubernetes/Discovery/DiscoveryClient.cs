using System.Collections.Concurrent;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Discovery;

/// <summary>
/// Reads which groups, versions and resources a server offers, and resolves a kind to the
/// resource that serves it (so custom resources work). Answers are cached per group version
/// until <see cref="Invalidate"/>.
/// </summary>
public sealed class DiscoveryClient
{
    private readonly KubernetesClient _client;
    private readonly ConcurrentDictionary<string, Task<ApiResourceList>> _resources = new();

    internal DiscoveryClient(KubernetesClient client) => _client = client;

    /// <summary>The named groups (<c>/apis</c>).</summary>
    public Task<ApiGroupList> GetGroupsAsync(CancellationToken cancellationToken = default) =>
        _client.SendAsync<ApiGroupList>(new ApiRequest(HttpMethod.Get, "/apis", RetrySafety.Read), cancellationToken);

    /// <summary>The resources of one group version, e.g. <c>v1</c> or <c>apps/v1</c> (cached).</summary>
    public async Task<ApiResourceList> GetResourcesAsync(string groupVersion, CancellationToken cancellationToken = default)
    {
        var task = _resources.GetOrAdd(groupVersion, gv =>
        {
            var path = gv.Contains('/', StringComparison.Ordinal) ? $"/apis/{gv}" : $"/api/{gv}";
            return _client.SendAsync<ApiResourceList>(new ApiRequest(HttpMethod.Get, path, RetrySafety.Read), CancellationToken.None);
        });
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (Exception) when (task.IsFaulted)
        {
            _resources.TryRemove(new KeyValuePair<string, Task<ApiResourceList>>(groupVersion, task));
            throw;
        }
    }

    /// <summary>Resolves <paramref name="apiVersion"/> + <paramref name="kind"/> to the resource serving it.</summary>
    /// <exception cref="KubernetesApiException">404 when the server has no such group version or kind.</exception>
    public async Task<ApiResource> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var list = await GetResourcesAsync(apiVersion, cancellationToken);
        var found = list.Resources.FirstOrDefault(r => r.Kind == kind && !r.Name.Contains('/', StringComparison.Ordinal));
        if (found is null)
        {
            var kinds = string.Join(", ", list.Resources.Where(r => !r.Name.Contains('/', StringComparison.Ordinal)).Select(r => r.Kind).Distinct().Order(StringComparer.Ordinal));
            throw new KubernetesApiException(
                _client.Options.DisplayName,
                "GET",
                apiVersion,
                new Status
                {
                    Outcome = "Failure",
                    Code = 404,
                    Reason = "NotFound",
                    Message = $"the server does not serve kind \"{kind}\" in \"{apiVersion}\"; it serves: {kinds} (is the CRD installed, and the apiVersion right?)",
                });
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return new ApiResource(group, version, kind, found.Name, found.Namespaced);
    }

    /// <summary>Forgets cached answers (e.g. after a CRD was installed).</summary>
    public void Invalidate() => _resources.Clear();
}
