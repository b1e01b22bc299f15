using System.Security.Cryptography;
using System.Text;
using Keelson.Core.Clusters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Fleet;

/// <summary>
/// One pass that makes the fleet view match the cluster registry: a view per registered cluster,
/// new tags taken at once, a view rebuilt when its credentials change (installed once synced, so
/// queries never see the cluster empty), and views of removed clusters stopped. Idempotent; reads
/// the registry's database, so changes made by another replica are followed too.
/// </summary>
/// <remarks>
/// Views build their own clients from the stored credentials rather than sharing
/// <see cref="ClusterClients"/>: that cache only hears of this process's changes, and the view
/// must notice credentials rotated through another replica.
/// </remarks>
internal sealed class FleetReconciler(ClusterRegistry registry, FleetView view, IOptions<FleetOptions> options, TimeProvider time, ILogger<FleetReconciler> logger) : IAsyncDisposable
{
    /// <summary>Longest wait for a rebuilt view to sync before it replaces the old one anyway (so its errors show).</summary>
    private static readonly TimeSpan RebuildSyncTimeout = TimeSpan.FromMinutes(2);

    private readonly CancellationTokenSource _shutdown = new();
    private int _disposed;

    /// <summary>Reads the registry and starts, rebuilds, re-tags or stops views to match it.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var records = await registry.ListAsync(cancellationToken);
        var current = view.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var next = new List<ClusterEntry>(records.Count);
        foreach (var record in records)
        {
            if (!current.Remove(record.Name, out var entry))
            {
                entry = new ClusterEntry(record);
            }
            else if (entry.Record.UpdatedAt == record.UpdatedAt && entry.View is not null)
            {
                next.Add(entry);
                continue;
            }

            // New, re-tagged or re-credentialed, or not started yet; ConnectAsync starts a view only for new credentials.
            entry.Record = record;
            try
            {
                await ConnectAsync(entry, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One cluster's unreadable credentials (a lost protection key, a database hiccup) must not stop the others.
                FleetLog.ConnectFailed(logger, entry.Name, e);
                entry.StartError ??= new StaleReason($"Keelson cannot read the cluster's stored credentials: {e.Message}", time.GetUtcNow().UtcDateTime);
            }

            next.Add(entry);
        }

        view.Publish(next);
        foreach (var removed in current.Values)
        {
            FleetLog.Stopped(logger, removed.Name);
            await CloseAsync(removed);
        }
    }

    /// <summary>Stops every view (the server is shutting down); the fleet service and the container both call it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync();
        foreach (var entry in view.Entries)
        {
            await CloseAsync(entry);
        }

        view.Publish([]);
        _shutdown.Dispose();
    }

    private static async Task CloseAsync(ClusterEntry entry)
    {
        ClusterView? current;
        ClusterView? pending;
        lock (entry.Lock)
        {
            entry.Removed = true;
            (current, pending) = (entry.View, entry.Pending);
            entry.Pending = null;
        }

        if (pending is not null)
        {
            await pending.DisposeAsync();
        }

        if (current is not null)
        {
            await current.DisposeAsync();
        }
    }

    /// <summary>Starts a view with the cluster's stored credentials, unless the current one already uses them.</summary>
    private async Task ConnectAsync(ClusterEntry entry, CancellationToken cancellationToken)
    {
        string stored;
        try
        {
            stored = await registry.CredentialsAsync(entry.Name, cancellationToken);
        }
        catch (ClusterException e) when (e.Kind == ClusterErrorKind.NotFound)
        {
            return; // removed since the list was read; the next pass drops it
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stored)));
        if (hash == entry.CredentialsHash)
        {
            return; // the view (or the failed attempt) already uses these credentials
        }

        Kubernetes.Config.KubernetesClientOptions connection;
        try
        {
            connection = ClusterCredentials.Load(entry.Name, stored);
        }
        catch (ClusterException e)
        {
            FleetLog.CredentialsInvalid(logger, entry.Name, e.Message);
            entry.StartError = new StaleReason($"the stored credentials do not load: {e.Message}", time.GetUtcNow().UtcDateTime);
            entry.CredentialsHash = hash; // retried when they change
            return;
        }

        var fresh = new ClusterView(entry.Name, connection, options.Value, time);
        fresh.Start();
        entry.CredentialsHash = hash;
        FleetLog.Started(logger, entry.Name, connection.Server);
        ClusterView? superseded = null;
        lock (entry.Lock)
        {
            entry.StartError = null;
            if (entry.View is null)
            {
                entry.View = fresh;
                return;
            }

            superseded = entry.Pending;
            entry.Pending = fresh;
        }

        FleetLog.Rebuilding(logger, entry.Name);
        if (superseded is not null)
        {
            await superseded.DisposeAsync();
        }

        _ = ReplaceWhenSyncedAsync(entry, fresh);
    }

    private async Task ReplaceWhenSyncedAsync(ClusterEntry entry, ClusterView fresh)
    {
        try
        {
            await fresh.WaitForSyncAsync(_shutdown.Token).WaitAsync(RebuildSyncTimeout, time, _shutdown.Token);
        }
        catch (TimeoutException)
        {
            // Install it anyway: its health then says why it cannot sync.
        }
        catch (OperationCanceledException)
        {
            return; // shutting down; DisposeAsync stops it
        }

        ClusterView? old;
        lock (entry.Lock)
        {
            if (entry.Removed || !ReferenceEquals(entry.Pending, fresh))
            {
                return; // superseded by a newer rebuild, or the cluster is gone; whoever did that disposes it
            }

            old = entry.View;
            entry.View = fresh;
            entry.Pending = null;
        }

        if (old is not null)
        {
            await old.DisposeAsync();
        }
    }
}
