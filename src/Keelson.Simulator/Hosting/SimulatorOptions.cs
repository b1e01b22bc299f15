using System.Net;

namespace Keelson.Simulator.Hosting;

/// <summary>How the simulator serves its fleet.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The loopback address and port to listen on; port 0 picks a free one.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Serve HTTPS with a CA generated at start (written into the kubeconfig).</summary>
    public bool Tls { get; init; }

    /// <summary>Where to write the kubeconfig (mode 0600), or null to write none.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Writes kept per resource for resuming watches; older versions get 410 Gone.</summary>
    public int WatchHistory { get; init; } = 25_000;

    /// <summary>
    /// JSON bytes of writes kept per resource for resuming watches (on top of <see cref="WatchHistory"/>):
    /// a table of large or busy objects keeps fewer writes, as kube-apiserver's watch cache does.
    /// </summary>
    public long WatchHistoryBytes { get; init; } = Store.ClusterStore.DefaultHistoryBytes;

    /// <summary>The simulator's clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where controllers report failures; nowhere by default.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
}
