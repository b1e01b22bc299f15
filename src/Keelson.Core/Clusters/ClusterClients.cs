using System.Collections.Concurrent;
using Keelson.Kubernetes;

namespace Keelson.Core.Clusters;

/// <summary>
/// One Kubernetes client per registered cluster, built from its decrypted credentials on first
/// use and rebuilt after the credentials change or the cluster is removed.
/// </summary>
public sealed class ClusterClients : IDisposable
{
    private readonly ClusterRegistry _registry;
    private readonly ConcurrentDictionary<string, Lazy<Task<KubernetesClient>>> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates the cache and follows the registry's changes.</summary>
    public ClusterClients(ClusterRegistry registry)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _registry.Changed += Forget;
    }

    /// <summary>The client of a registered cluster.</summary>
    /// <exception cref="ClusterException">NotFound, or credentials that no longer load.</exception>
    public async Task<KubernetesClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = _clients.GetOrAdd(name, n => new Lazy<Task<KubernetesClient>>(() => CreateAsync(n)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (ClusterException)
        {
            _clients.TryRemove(new KeyValuePair<string, Lazy<Task<KubernetesClient>>>(name, lazy));
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _registry.Changed -= Forget;
        foreach (var name in _clients.Keys)
        {
            Forget(new ClusterChange(name, true));
        }
    }

    private async Task<KubernetesClient> CreateAsync(string name)
    {
        var stored = await _registry.CredentialsAsync(name, CancellationToken.None);
        return new KubernetesClient(ClusterCredentials.Load(name, stored));
    }

    private void Forget(ClusterChange change)
    {
        if (_clients.TryRemove(change.Name, out var old) && old.IsValueCreated && old.Value.IsCompletedSuccessfully)
        {
            // Let requests in flight finish on the old client; it holds no state worth keeping.
            _ = Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(_ => old.Value.Result.Dispose(), TaskScheduler.Default);
        }
    }
}
