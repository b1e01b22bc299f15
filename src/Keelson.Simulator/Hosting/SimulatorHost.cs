using System.Security.Cryptography;
using Keelson.Kubernetes.Config;
using Keelson.Simulator.Api;
using Keelson.Simulator.Scenarios;
using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Keelson.Simulator.Hosting;

/// <summary>
/// A running simulated fleet: every cluster of a scenario served by one web server, each under
/// <c>/clusters/NAME</c>. Start one with <see cref="StartAsync"/>; tests do so in-process on a free port.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (SimulatedCluster Cluster, ClusterApi Api)> _clusters;
    private readonly SimulatorCertificates? _certificates;
    private readonly List<ClusterRuntime> _runtimes;

    private SimulatorHost(WebApplication app, Dictionary<string, (SimulatedCluster, ClusterApi)> clusters, SimulatorCertificates? certificates, List<ClusterRuntime> runtimes)
    {
        _app = app;
        _clusters = clusters;
        _certificates = certificates;
        _runtimes = runtimes;
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:6443</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The clusters, in scenario order.</summary>
    public IReadOnlyList<SimulatedCluster> Clusters { get; private set; } = [];

    /// <summary>The kubeconfig written, if any.</summary>
    public string? KubeconfigPath { get; private set; }

    /// <summary>The kubeconfig text (one context per cluster).</summary>
    public string Kubeconfig => KubeconfigWriter.Render(BaseUrl, Clusters, _certificates?.AuthorityPem);

    /// <summary>Starts serving <paramref name="scenario"/>.</summary>
    public static async Task<SimulatorHost> StartAsync(Scenario scenario, SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new SimulatorOptions();
        var certificates = options.Tls ? SimulatorCertificates.Create() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(options.Listen, listen =>
            {
                if (certificates is not null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificates.Server);
                }
            });
        });
        var app = builder.Build();

        var discovery = new DiscoveryDocuments(ResourceCatalog.BuiltIn);
        var clusters = new Dictionary<string, (SimulatedCluster, ClusterApi)>(StringComparer.Ordinal);
        var ordered = new List<SimulatedCluster>();
        var runtimes = new List<ClusterRuntime>();
        var now = options.Time.GetUtcNow();
        for (var i = 0; i < scenario.Clusters.Count; i++)
        {
            var spec = scenario.Clusters[i];
            var store = new ClusterStore(ResourceCatalog.BuiltIn, options.WatchHistory, historyBytes: options.WatchHistoryBytes);
            ClusterBootstrap.Seed(store, spec, i, now);
            var cluster = new SimulatedCluster(spec, i, NewToken(), store, options.Time);
            var runtime = new ClusterRuntime(cluster, scenario, options.Time, options.LoggerFactory.CreateLogger("Keelson.Simulator." + spec.Name));
            clusters[spec.Name] = (cluster, new ClusterApi(cluster, discovery, options.Time, runtime.Context.Faults.Api));
            ordered.Add(cluster);
            runtimes.Add(runtime);
        }

        var host = new SimulatorHost(app, clusters, certificates, runtimes) { Clusters = ordered };
        app.Run(host.HandleAsync);
        await app.StartAsync(cancellationToken);
        foreach (var runtime in runtimes)
        {
            runtime.Start();
        }

        host.BaseUrl = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        if (options.KubeconfigPath is { } path)
        {
            KubeconfigWriter.Write(path, host.Kubeconfig);
            host.KubeconfigPath = Path.GetFullPath(path);
        }

        return host;
    }

    /// <summary>The cluster named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such cluster.</exception>
    public SimulatedCluster Cluster(string name) =>
        _clusters.TryGetValue(name, out var c) ? c.Cluster : throw new KeyNotFoundException($"the simulator has no cluster \"{name}\"; it has: {string.Join(", ", _clusters.Keys)}");

    /// <summary>Connection options for Keelson's client to one cluster.</summary>
    public KubernetesClientOptions ClientOptions(string cluster) => new()
    {
        Server = new Uri(KubeconfigWriter.ServerUrl(BaseUrl, cluster)),
        Credentials = new BearerTokenCredentials(Cluster(cluster).Token),
        ContextName = cluster,
        InsecureSkipTlsVerify = _certificates is not null,
    };

    /// <summary>The running parts (controllers, scheduler, kubelets) of a cluster.</summary>
    public ClusterRuntime Runtime(string cluster) => _runtimes[Cluster(cluster).Index];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(FaultApi.Prefix, StringComparison.Ordinal))
        {
            await FaultApi.HandleAsync(context, path, name => _clusters.TryGetValue(name, out var c) ? (c.Cluster, _runtimes[c.Cluster.Index].Faults) : null);
            return;
        }

        const string Prefix = "/clusters/";
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', Prefix.Length);
            var name = end < 0 ? path[Prefix.Length..] : path[Prefix.Length..end];
            if (_clusters.TryGetValue(name, out var cluster))
            {
                await cluster.Api.HandleAsync(context, end < 0 ? "/" : path[end..]);
                return;
            }
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ApiException.Status(404, "NotFound",
            $"no cluster is served at {path}; clusters are at /clusters/NAME with NAME one of: {string.Join(", ", _clusters.Keys)}").ToJsonString());
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
