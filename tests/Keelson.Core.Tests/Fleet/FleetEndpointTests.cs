using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Keelson.Core.Access;

namespace Keelson.Core.Tests.Fleet;

public sealed class FleetEndpointTests
{
    [Fact]
    public async Task Lists_ForAViewerOfOneCluster_ShowOnlyThatCluster()
    {
        await using var h = await StartAsync();
        using var alice = await h.UserAsync("alice", Role.Viewer, GrantScope.MatchingTags("env=production"));

        var pods = await GetAsync(alice, "/api/v1/pods?app=shop-web");
        var nodes = await GetAsync(alice, "/api/v1/nodes");
        var health = await GetAsync(alice, "/api/v1/cluster-health");
        var workloads = await GetAsync(alice, "/api/v1/workloads?cluster=c2");

        Assert.Equal(6, pods.GetProperty("items").GetArrayLength());
        Assert.All(pods.GetProperty("items").EnumerateArray(), p => Assert.Equal("c1", p.GetProperty("cluster").GetString()));
        Assert.Equal(JsonValueKind.Null, pods.GetProperty("continue").ValueKind);
        Assert.Equal(10, nodes.GetProperty("items").GetArrayLength());
        Assert.Equal(["c1"], health.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(0, workloads.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ClusterHealth_OfAClusterNotGranted_IsForbiddenNamingTheMissingGrant()
    {
        await using var h = await StartAsync();
        using var alice = await h.UserAsync("alice", Role.Viewer, GrantScope.Clusters(["c1"]));

        using var forbidden = await alice.GetAsync(new Uri("/api/v1/clusters/c2/health", UriKind.Relative));
        using var missing = await alice.GetAsync(new Uri("/api/v1/clusters/nope/health", UriKind.Relative));
        using var workload = await alice.GetAsync(new Uri("/api/v1/workloads/c2/default/Deployment/web", UriKind.Relative));
        using var anonymous = await h.Anonymous().GetAsync(new Uri("/api/v1/pods", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("you need viewer on cluster \"c2\"", (await Problem(forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no cluster \"nope\" is registered", (await Problem(missing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, workload.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task ClusterHealth_IsCamelCaseJsonWithUtcTimesAndGoDurations()
    {
        await using var h = await StartAsync();
        using var alice = await h.UserAsync("alice", Role.Operator, GrantScope.AllClusters);

        var health = await GetAsync(alice, "/api/v1/clusters/c1/health");

        Assert.Equal("Ready", health.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("stale").ValueKind);
        Assert.True(health.GetProperty("reachable").GetBoolean());
        Assert.Matches("^[0-9.]+(µs|ms|s)$", health.GetProperty("apiLatency").GetString());
        Assert.EndsWith("Z", health.GetProperty("lastSync").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, health.GetProperty("nodes").GetProperty("ready").GetInt32());
        Assert.Equal(10, health.GetProperty("pods").GetProperty("byPhase").GetProperty("Running").GetInt32());
        Assert.Equal("production", health.GetProperty("tags").GetProperty("env").GetString());
    }

    [Fact]
    public async Task Workload_WithItsPods_IsFoundByAnyFormOfItsKind()
    {
        await using var h = await StartAsync();
        using var alice = await h.UserAsync("alice", Role.Viewer, GrantScope.AllClusters);

        var web = await GetAsync(alice, "/api/v1/workloads/c1/default/deployments/web");
        var api = await GetAsync(alice, "/api/v1/workloads/c1/shop/Deployment/api");
        using var unknownKind = await alice.GetAsync(new Uri("/api/v1/workloads/c1/default/cronjob/web", UriKind.Relative));
        using var unknownName = await alice.GetAsync(new Uri("/api/v1/workloads/c1/default/deploy/nope", UriKind.Relative));

        Assert.Equal("Deployment", web.GetProperty("workload").GetProperty("kind").GetString());
        Assert.False(web.GetProperty("workload").GetProperty("notAvailable").GetBoolean());
        Assert.Equal(6, web.GetProperty("pods").GetArrayLength());
        Assert.All(web.GetProperty("pods").EnumerateArray(), p => Assert.Equal(("Running", "web"), (p.GetProperty("phase").GetString(), p.GetProperty("workload").GetString())));
        Assert.Equal(4, api.GetProperty("pods").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownName.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/pods?phase=Sleeping", "phase", "\"Sleeping\" is not a pod phase")]
    [InlineData("/api/v1/pods?limit=0", "limit", "\"0\" is not a page size")]
    [InlineData("/api/v1/pods?limit=5000", "limit", "from 1 to 1000")]
    [InlineData("/api/v1/nodes?selector=env%20in%20prod", "selector", "env in prod")]
    [InlineData("/api/v1/nodes?cordoned=maybe", "cordoned", "\"maybe\" is not true or false")]
    [InlineData("/api/v1/nodes?condition=Not%20Ready", "condition", "is not a node condition")]
    [InlineData("/api/v1/workloads?kind=CronJob", "kind", "\"CronJob\" is not a workload kind")]
    [InlineData("/api/v1/workloads?continue=garbage", "continue", "not one this server issued")]
    public async Task List_WithABadParameter_IsABadRequestNamingTheParameter(string path, string field, string message)
    {
        await using var h = await StartAsync();
        using var alice = await h.UserAsync("alice", Role.Viewer, GrantScope.AllClusters);

        using var response = await alice.GetAsync(new Uri(path, UriKind.Relative));
        var problem = await Problem(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pods_PagedOverHttp_FollowTheContinueToken()
    {
        await using var h = await StartAsync();
        using var alice = await h.UserAsync("alice", Role.Viewer, GrantScope.AllClusters);

        var first = await GetAsync(alice, "/api/v1/pods?limit=10");
        var token = first.GetProperty("continue").GetString()!;
        var second = await GetAsync(alice, "/api/v1/pods?limit=10&continue=" + Uri.EscapeDataString(token));

        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.Equal(3, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continue").ValueKind);
        Assert.Equal(["c2", "c2", "c2"], second.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("cluster").GetString()));
    }

    private static async Task<FleetHarness> StartAsync()
    {
        var h = await FleetHarness.StartAsync(Scenarios.TwoClusters);
        await h.RegisterAsync("c1", new Dictionary<string, string> { ["env"] = "production" });
        await h.RegisterAsync("c2", new Dictionary<string, string> { ["env"] = "staging" });
        await h.WaitForReadyAsync("c1", "c2");
        return h;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
