using System.Threading.Channels;
using Keelson.Core.Clusters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Fleet;

/// <summary>
/// Runs the fleet view: a reconcile pass at start, after every change this process makes to the
/// cluster registry, and every <see cref="FleetOptions.ReconcileInterval"/> for changes made by
/// other replicas. Stops every view when the server stops.
/// </summary>
internal sealed class FleetService(ClusterRegistry registry, FleetReconciler reconciler, IOptions<FleetOptions> options, TimeProvider time, ILogger<FleetService> logger) : BackgroundService
{
    private readonly Channel<ClusterChange> _changes = Channel.CreateBounded<ClusterChange>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await reconciler.ReconcileAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be briefly unreachable; the views keep serving what they have.
                    FleetLog.ReconcileFailed(logger, e);
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(
                    Task.Delay(options.Value.ReconcileInterval, time, wait.Token),
                    _changes.Reader.WaitToReadAsync(wait.Token).AsTask());
                await wait.CancelAsync();
                _changes.Reader.TryRead(out _);
            }
        }
        finally
        {
            registry.Changed -= OnChanged;
            await reconciler.DisposeAsync();
        }
    }

    private void OnChanged(ClusterChange change) => _changes.Writer.TryWrite(change);
}
