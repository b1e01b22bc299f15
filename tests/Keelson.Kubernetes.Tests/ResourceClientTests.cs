using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests;

public sealed class ResourceClientTests
{
    private static readonly ApiResource Pods = new("", "v1", "Pod", "pods", Namespaced: true);
    private static readonly ApiResource ConfigMaps = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    [Fact]
    public async Task ListAllAsync_FollowsContinueTokens_AndReturnsOneSnapshot()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/pods", "pods-page1.json");
        server.OnJson("GET", "/api/v1/pods", "pods-page2.json");
        using var client = new KubernetesClient(server.Options());

        var list = await client.Resource<GenericObject>(Pods).ListAllAsync(new ListOptions { LabelSelector = "tier in (front,back)" }, pageSize: 2);

        Assert.Equal(["web-1", "web-2", "db-0"], list.Items.Select(p => p.Metadata.Name));
        Assert.Equal("4821", list.Metadata.ResourceVersion);
        Assert.Null(list.Metadata.Continue);
        var requests = server.Requests;
        Assert.Equal("/api/v1/pods?labelSelector=tier%20in%20%28front%2Cback%29&limit=2", requests[0].PathAndQuery);
        Assert.StartsWith("/api/v1/pods?labelSelector=tier%20in%20%28front%2Cback%29&limit=2&continue=eyJ2", requests[1].PathAndQuery);
        Assert.DoesNotContain("resourceVersion", requests[1].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAllAsync_WhenContinueTokenExpires_ReadsTheWholeListAgain()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/namespaces/default/pods", "pods-page1.json");
        server.OnJson("GET", "/api/v1/namespaces/default/pods", "gone-continue.json", status: 410);
        server.OnJson("GET", "/api/v1/namespaces/default/pods", "pods-full.json");
        using var client = new KubernetesClient(server.Options());

        var list = await client.Resource<GenericObject>(Pods, "default").ListAllAsync(pageSize: 2);

        Assert.Equal(["web-1", "web-3"], list.Items.Select(p => p.Metadata.Name));
        Assert.Equal("/api/v1/namespaces/default/pods", server.Requests[^1].PathAndQuery);
    }

    [Fact]
    public async Task CreateAsync_WhenTheServerFindsItInvalid_ThrowsWithTheFieldCause()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("POST", "/api/v1/namespaces/default/configmaps", "invalid.json", status: 422);
        using var client = new KubernetesClient(server.Options());
        var configMap = new GenericObject { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "Bad_Name" } };

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Resource<GenericObject>(ConfigMaps, "default").CreateAsync(configMap));

        Assert.True(e.IsInvalid);
        Assert.Equal("metadata.name", Assert.Single(e.Status.Details!.Causes!).Field);
        Assert.Contains("cluster \"test\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigMap \"Bad_Name\" is invalid", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ReplaceAsync_WithAStaleResourceVersion_ThrowsConflictWithoutRetrying()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("PUT", "/api/v1/namespaces/default/configmaps/settings", "conflict.json", status: 409);
        using var client = new KubernetesClient(server.Options());
        var stale = KubernetesJson.Deserialize<GenericObject>(LoopbackApiServer.Fixture("configmap.json"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Resource<GenericObject>(ConfigMaps).ReplaceAsync(stale));

        Assert.True(e.IsConflict);
        Assert.False(e.IsAlreadyExists);
        Assert.Single(server.Requests);
        Assert.Contains("\"resourceVersion\":\"731\"", server.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadModifyWrite_KeepsEveryFieldTheClientDidNotChange()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/namespaces/default/configmaps/settings", "configmap.json");
        server.On("PUT", "/api/v1/namespaces/default/configmaps/settings", ctx => LoopbackApiServer.WriteAsync(ctx, 200, LoopbackApiServer.Fixture("configmap.json")));
        using var client = new KubernetesClient(server.Options());
        var configMaps = client.Resource<GenericObject>(ConfigMaps, "default");

        var configMap = await configMaps.GetAsync("settings");
        configMap.Metadata.Labels = new() { ["team"] = "payments" };
        await configMaps.ReplaceAsync(configMap);

        var sent = JsonNode.Parse(server.Requests[^1].Body)!;
        var expected = JsonNode.Parse(LoopbackApiServer.Fixture("configmap.json"))!;
        expected["metadata"]!["labels"] = new JsonObject { ["team"] = "payments" };
        Assert.True(JsonNode.DeepEquals(expected, sent), $"sent {sent.ToJsonString()}");
    }

    [Fact]
    public async Task GetAsync_WhenTheServerSaysTooManyRequests_RetriesAndSucceeds()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/configmaps/settings", ctx =>
        {
            ctx.Response.Headers.RetryAfter = "1";
            return LoopbackApiServer.WriteAsync(ctx, 429, LoopbackApiServer.Fixture("too-many-requests.json"));
        });
        server.OnJson("GET", "/api/v1/namespaces/default/configmaps/settings", "configmap.json");
        using var client = new KubernetesClient(server.Options());

        var configMap = await client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings");

        Assert.Equal("settings", configMap.Metadata.Name);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetAsync_WhenTooManyRequestsPersists_ReportsTheServersRetryAfter()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/configmaps/settings", ctx =>
        {
            ctx.Response.Headers.RetryAfter = "7";
            return LoopbackApiServer.WriteAsync(ctx, 429, LoopbackApiServer.Fixture("too-many-requests.json"));
        });
        using var client = new KubernetesClient(server.Options());

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings"));

        Assert.True(e.IsTooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_OnAServerError_IsNotSentTwice()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("POST", "/api/v1/namespaces/default/configmaps", ctx => LoopbackApiServer.WriteAsync(ctx, 500, "etcdserver: request timed out", "text/plain"));
        using var client = new KubernetesClient(server.Options());
        var configMap = new GenericObject { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "once" } };

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Resource<GenericObject>(ConfigMaps, "default").CreateAsync(configMap));

        Assert.True(e.IsServerError);
        Assert.Equal("etcdserver: request timed out", e.Status.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetAsync_OnAServerError_IsRetried()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/configmaps/settings", ctx => LoopbackApiServer.WriteAsync(ctx, 503, "", "text/plain"));
        server.OnJson("GET", "/api/v1/namespaces/default/configmaps/settings", "configmap.json");
        using var client = new KubernetesClient(server.Options());

        await client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings");

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task AnyRequest_WhenTheTokenIsRefused_FetchesAFreshCredentialOnce()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/configmaps/settings", ctx =>
            ctx.Request.Headers.Authorization == "Bearer fresh-2"
                ? LoopbackApiServer.WriteAsync(ctx, 200, LoopbackApiServer.Fixture("configmap.json"))
                : LoopbackApiServer.WriteAsync(ctx, 401, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"""));
        var credentials = new CountingCredentials();
        using var client = new KubernetesClient(server.Options(credentials));

        await client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings");

        Assert.Equal(["Bearer fresh-1", "Bearer fresh-2"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task AnyRequest_WhenTheTokenIsRefusedTwice_SaysToCheckTheCredentials()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/configmaps/settings", ctx =>
            LoopbackApiServer.WriteAsync(ctx, 401, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"""));
        using var client = new KubernetesClient(server.Options(new CountingCredentials()));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings"));

        Assert.True(e.IsUnauthorized);
        Assert.Contains("credentials were refused", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task PatchAndApply_SendTheirMediaTypesAndQuery()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.OnJson("PATCH", "/api/v1/namespaces/default/configmaps/settings", "configmap.json");
        using var client = new KubernetesClient(server.Options());
        var configMaps = client.Resource<GenericObject>(ConfigMaps, "default");

        await configMaps.PatchAsync("settings", Patch.StrategicMerge(new { data = new { mode = "slow" } }));
        await configMaps.PatchAsync("settings", Patch.Json(new[] { new { op = "remove", path = "/data/mode" } }), new WriteOptions { DryRun = true });
        var applied = new GenericObject { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "settings" } };
        await configMaps.ApplyAsync(applied, "keelson", force: true);

        var r = server.Requests;
        Assert.Equal("application/strategic-merge-patch+json", r[0].ContentType);
        Assert.Equal("""{"data":{"mode":"slow"}}""", r[0].Body);
        Assert.Equal("application/json-patch+json", r[1].ContentType);
        Assert.EndsWith("?dryRun=All", r[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("application/apply-patch+yaml", r[2].ContentType);
        Assert.EndsWith("?fieldManager=keelson&force=true", r[2].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerWithAPathPrefix_ReceivesEveryRequestUnderIt()
    {
        await using var server = await LoopbackApiServer.StartAsync("/clusters/prod-a");
        server.OnJson("GET", "/clusters/prod-a/api/v1/namespaces/default/configmaps/settings", "configmap.json");
        using var client = new KubernetesClient(server.Options());

        var configMap = await client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings");

        Assert.Equal(JsonValueKind.False, configMap.Field("immutable")!.Value.ValueKind);
        Assert.Equal("/clusters/prod-a/api/v1/namespaces/default/configmaps/settings", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task AServerThatIsNotListening_GivesATransportErrorNamingTheCluster()
    {
        var port = FreePort();
        var options = new KubernetesClientOptions
        {
            Server = new Uri($"http://127.0.0.1:{port}"),
            ContextName = "prod-a",
            Retry = new RetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(1) },
        };
        using var client = new KubernetesClient(options);

        var e = await Assert.ThrowsAsync<KubernetesTransportException>(() => client.Resource<GenericObject>(ConfigMaps, "default").GetAsync("settings"));

        Assert.StartsWith("cluster \"prod-a\":", e.Message, StringComparison.Ordinal);
        Assert.Equal("prod-a", e.Cluster);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CountingCredentials : ICredentialProvider
    {
        private int _generation = 1;

        public ValueTask<System.Net.Http.Headers.AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) =>
            new(new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"fresh-{_generation}"));

        public void Invalidate() => _generation++;
    }
}
