using System.Net;
using System.Runtime;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keelson.Bench;

/// <summary>
/// What an informer's cache costs per pod for 100,000 realistic pods: the full typed
/// <see cref="Pod"/> against a lean projection of the fields a fleet view shows. The informer runs
/// its real code path — a paged list over HTTP, then a watch — against a stub API server in this
/// process that makes the same JSON as <see cref="RealisticPods"/> page by page (so the pods' JSON
/// is never held here), and the retained managed heap is measured after full collections.
/// </summary>
internal sealed class InformerMemoryBenchmark : IBenchmark
{
    public string Name => "informer-memory";

    public string Description => "client: informer memory per pod for 100,000 pods, full typed objects vs the lean projection";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var pods = context.Scaled(100_000);
        await using var server = await StubServer.StartAsync(pods, cancellationToken);
        using var client = new KubernetesClient(new KubernetesClientOptions { Server = server.Url, ContextName = "stub" });

        // One-time costs (serializer metadata, JIT, the connection) are paid before measuring, so
        // that the heap growth is what the cached pods cost.
        await foreach (var page in client.Resource<Pod>().ListPagesAsync(pageSize: 500, cancellationToken: cancellationToken))
        {
            GC.KeepAlive(page);
            break;
        }

        var strings = new StringPool();
        var (lean, leanCount) = await MeasureAsync(client, p => LeanPod.From(p, strings), cancellationToken);
        var (full, fullCount) = await MeasureAsync(client, p => p, cancellationToken);
        if (leanCount != pods || fullCount != pods)
        {
            throw new InvalidOperationException($"the informers cached {leanCount:N0} and {fullCount:N0} pods; the stub served {pods:N0}");
        }

        return
        [
            new($"informer memory per pod, lean projection, {pods:N0} pods (reference: full typed Pod)", lean, "B", "≤ 1 KB", full, lean <= 1024),
            new("informer heap for all pods, lean projection (reference: full typed Pod)", lean * pods / 1e6, "MB", Reference: full * pods / 1e6),
            new("JSON served per pod (for scale)", RealisticPods.Pod(0).Length, "B"),
        ];
    }

    /// <summary>Starts an informer with <paramref name="project"/>, waits for its sync and its watch, and divides the heap it retains by its pods.</summary>
    private static async Task<(double PerPod, int Count)> MeasureAsync<TItem>(KubernetesClient client, Func<Pod, TItem> project, CancellationToken cancellationToken)
        where TItem : class
    {
        var before = Heap();
        var informer = new Informer<Pod, TItem>(client.Resource<Pod>(), project);
        informer.Start();
        await informer.WaitForSyncAsync(cancellationToken);
        while (!informer.Health.Watching)
        {
            await Task.Delay(10, cancellationToken);
        }

        var after = Heap();
        var count = informer.Count;
        await informer.DisposeAsync();
        return ((double)(after - before) / count, count);
    }

    private static long Heap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// What a fleet view keeps of a pod (the shape of Keelson.Core's FleetPod): repeated strings
    /// shared through a <see cref="StringPool"/>, labels dropped but the app's.
    /// </summary>
    private sealed record LeanPod(string Namespace, string Name, string? Node, string? App, string? Owner, string Phase, bool Ready, int Restarts, DateTimeOffset? StartedAt)
    {
        public static LeanPod From(Pod pod, StringPool strings)
        {
            var restarts = 0;
            foreach (var container in pod.Status?.ContainerStatuses ?? [])
            {
                restarts += container.RestartCount ?? 0;
            }

            return new LeanPod(
                strings.Intern(pod.Metadata.Namespace) ?? "",
                pod.Metadata.Name ?? "",
                strings.Intern(pod.Spec?.NodeName),
                strings.Intern(pod.Metadata.Label("app.kubernetes.io/name")),
                strings.Intern(pod.Metadata.OwnerReferences?.Find(o => o.Controller == true)?.Name),
                strings.Intern(pod.Status?.Phase ?? "Pending")!,
                pod.Status?.Conditions?.Exists(c => c.Type == "Ready" && c.Status == "True") == true,
                restarts,
                pod.Status?.StartTime);
        }
    }

    /// <summary>An API server that knows one list of pods: pages of it on request, and watches that stay open and quiet.</summary>
    private sealed class StubServer : IAsyncDisposable
    {
        private const string Version = "424242";
        private readonly WebApplication _app;

        private StubServer(WebApplication app)
        {
            _app = app;
            Url = new Uri(app.Urls.First());
        }

        public Uri Url { get; }

        public static async Task<StubServer> StartAsync(int pods, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapGet("/api/v1/pods", async (HttpContext http) =>
            {
                var query = http.Request.Query;
                if (query["watch"] == "true" || query["watch"] == "1")
                {
                    http.Response.ContentType = "application/json";
                    await http.Response.StartAsync(http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, http.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The informer stopped watching.
                    }

                    return;
                }

                var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : pods;
                var from = int.TryParse(query["continue"], out var c) ? c : 0;
                var to = Math.Min(pods, from + limit);
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(RealisticPods.List(from, to, Version, to < pods ? to.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), http.RequestAborted);
            });
            await app.StartAsync(cancellationToken);
            return new StubServer(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
