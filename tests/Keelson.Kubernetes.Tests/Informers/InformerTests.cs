using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Informers;

public sealed class InformerTests
{
    private static readonly ApiResource Pods = new("", "v1", "Pod", "pods", Namespaced: true);

    [Fact]
    public async Task Informer_ListsThenWatchesFromTheListVersion_AndKeepsItsIndexCurrent()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/pods", "pods-page1.json");
        server.OnJson("GET", "/api/v1/pods", "pods-page2.json");
        server.On("WATCH", "/api/v1/pods", ctx => LoopbackApiServer.StreamAsync(ctx, "pods-watch.jsonl", holdOpen: true));
        using var client = new KubernetesClient(server.Options());
        await using var informer = new Informer<GenericObject, PodSummary>(client.Resource<GenericObject>(Pods), PodSummary.From);
        informer.AddIndex("node", p => [p.Node]);
        var deleted = new TaskCompletionSource<PodSummary>();
        informer.Deleted += p => deleted.TrySetResult(p);

        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var removed = await deleted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("db-0", removed.Name);
        Assert.Equal(["web-1", "web-2", "web-4"], informer.List().Select(p => p.Name).Order());
        Assert.Equal(["web-1"], informer.ByIndex("node", "node-a").Select(p => p.Name));
        Assert.Equal("Running", informer.Get(new ObjectKey("default", "web-2"))!.Phase);
        Assert.Contains(server.Requests, r => r.PathAndQuery.StartsWith("/api/v1/pods?resourceVersion=4821&", StringComparison.Ordinal) && r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal));
        Assert.True(informer.Health is { Synced: true, Error: null });
    }

    [Fact]
    public async Task Informer_WhenTheWatchVersionIsGone_RelistsAndReportsWhatDisappeared()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/pods", "pods-page1.json");
        server.OnJson("GET", "/api/v1/pods", "pods-page2.json");
        server.OnJson("GET", "/api/v1/pods", "pods-full.json");
        server.On("WATCH", "/api/v1/pods", ctx => LoopbackApiServer.StreamAsync(ctx, "watch-gone.jsonl"));
        server.On("WATCH", "/api/v1/pods", LoopbackApiServer.HoldOpenAsync);
        using var client = new KubernetesClient(server.Options());
        await using var informer = new Informer<GenericObject, PodSummary>(client.Resource<GenericObject>(Pods), PodSummary.From);
        var deletions = new List<string>();
        var relisted = new TaskCompletionSource();
        informer.Deleted += p =>
        {
            lock (deletions)
            {
                deletions.Add(p.Name);
                if (deletions.Count == 2)
                {
                    relisted.TrySetResult();
                }
            }
        };

        informer.Start();
        await relisted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["db-0", "web-2"], deletions.Order());
        Assert.Equal(["web-1", "web-3"], informer.List().Select(p => p.Name).Order());
        Assert.Equal(3, server.Requests.Count(r => r.Method == "GET" && !r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)));
    }

    private sealed record PodSummary(string Name, string Node, string? Phase)
    {
        public static PodSummary From(GenericObject pod) => new(
            pod.Metadata.Name!,
            pod.Field("spec")!.Value.GetProperty("nodeName").GetString()!,
            pod.Field("status")!.Value.TryGetProperty("phase", out var phase) ? phase.GetString() : null);
    }
}
