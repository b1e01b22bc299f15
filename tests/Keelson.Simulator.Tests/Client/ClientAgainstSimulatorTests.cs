using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests.Client;

/// <summary>Keelson's Kubernetes client against the simulator over HTTP: paging, watch resume, 410 and relist, conflicts.</summary>
public sealed class ClientAgainstSimulatorTests
{
    private const string OneNode = """- {name: pool, count: 1, cpu: "4", memory: 16Gi}""";

    [Fact]
    public async Task ListAll_InPagesOf500_ReturnsEveryObjectOnce_InKeyOrder()
    {
        await using var fleet = await TestFleet.StartAsync(OneNode);
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        for (var i = 0; i < 1_203; i++)
        {
            await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = $"cm-{i:D4}" } });
        }

        var pages = new List<int>();
        await foreach (var page in configMaps.ListPagesAsync(pageSize: 500))
        {
            pages.Add(page.Items.Count);
        }

        var all = await configMaps.ListAllAsync(pageSize: 500);

        Assert.Equal([500, 500, 203], pages);
        Assert.Equal(Enumerable.Range(0, 1_203).Select(i => $"cm-{i:D4}"), all.Items.Select(c => c.Metadata.Name));
    }

    [Fact]
    public async Task Watch_ResumedFromAVersion_DeliversExactlyTheChangesAfterIt()
    {
        await using var fleet = await TestFleet.StartAsync(OneNode);
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        var first = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "a" } });
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "b" } });
        await configMaps.DeleteAsync("a");

        var events = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in configMaps.WatchAsync(new ListOptions { ResourceVersion = first.Metadata.ResourceVersion, TimeoutSeconds = 2 }, stop.Token))
        {
            if (e.Type != WatchEventType.Bookmark)
            {
                events.Add($"{e.Type} {e.Object!.Metadata.Name}");
            }
        }

        Assert.Equal(["Added b", "Deleted a"], events);
    }

    [Fact]
    public async Task Watch_FromAVersionOlderThanTheHistory_IsGone()
    {
        await using var fleet = await TestFleet.StartAsync(OneNode, watchHistory: 5);
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        var old = await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "old" } });
        for (var i = 0; i < 10; i++)
        {
            await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = $"later-{i}" } });
        }

        var e = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var unused in configMaps.WatchAsync(new ListOptions { ResourceVersion = old.Metadata.ResourceVersion }))
            {
            }
        });

        Assert.True(e.IsGone);
        Assert.Contains("too old resource version", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Informer_WhoseWatchIsCutAndWhoseVersionExpired_RelistsAndConverges()
    {
        await using var fleet = await TestFleet.StartAsync(OneNode, watchHistory: 5);
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "before" } });
        await using var informer = new Informer<ConfigMap, string>(configMaps, c => c.Metadata.Name!, new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Cut every watch, then move the history past the informer's version: it must relist.
        var faults = fleet.Host.Runtime("c1").Faults;
        faults.Inject("apiErrors", new Dictionary<string, string> { ["code"] = "503", ["rate"] = "1" });
        fleet.Host.Runtime("c1").Context.Faults.Api.CutWatches();
        for (var i = 0; i < 20; i++)
        {
            fleet.Host.Cluster("c1").Registry.Create(fleet.Host.Cluster("c1").Store.Catalog.ByKind("v1", "ConfigMap")!, "default",
                new System.Text.Json.Nodes.JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = $"during-{i}" } },
                Registry.WriteContext.For("test"));
        }

        faults.ClearAll();

        await Eventually(() => informer.Count == 21 && informer.Get(new ObjectKey("default", "during-19")) is not null);
        Assert.Null(informer.Health.Error);
    }

    [Fact]
    public async Task Replace_OfAStaleRead_IsAConflict_AndARetriedReadModifyWriteWins()
    {
        await using var fleet = await TestFleet.StartAsync(OneNode);
        var configMaps = fleet.Client.Resource<ConfigMap>("default");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "counter" }, Data = new() { ["n"] = "0" } });

        // Two writers read the same version; the second to write loses and must read again.
        var a = await configMaps.GetAsync("counter");
        var b = await configMaps.GetAsync("counter");
        a.Data!["n"] = "1";
        await configMaps.ReplaceAsync(a);
        b.Data!["n"] = "1";
        var conflict = await Assert.ThrowsAsync<KubernetesApiException>(() => configMaps.ReplaceAsync(b));
        var fresh = await configMaps.GetAsync("counter");
        fresh.Data!["n"] = "2";
        await configMaps.ReplaceAsync(fresh);

        Assert.True(conflict.IsConflict);
        Assert.Equal("2", (await configMaps.GetAsync("counter")).Data!["n"]);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }
}
