using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keelson.Tests.Simulator;

namespace Keelson.Tests.Server;

/// <summary>Every role against every kind of endpoint, over real HTTP to the real server.</summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Callers callers)
    : IClassFixture<AuthorizationMatrixTests.Callers>
{

    /// <summary>Who: no credentials, a user with no grant, viewer/operator/admin on all clusters, viewer and admin of Keelson itself.</summary>
    public static readonly string[] CallerNames = ["anonymous", "nobody", "viewer", "operator", "admin", "platform-viewer", "platform-admin"];

    public static TheoryData<string, string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string, string>();
        void Row(string method, string path, params string[] expected)
        {
            for (var i = 0; i < CallerNames.Length; i++)
            {
                data.Add(method, path, CallerNames[i], expected[i]);
            }
        }

        //                                                  anonymous nobody viewer operator admin pviewer padmin
        Row("GET", "/healthz", "200", "200", "200", "200", "200", "200", "200");
        Row("GET", "/readyz", "200", "200", "200", "200", "200", "200", "200");
        Row("GET", "/metrics", "200", "200", "200", "200", "200", "200", "200");
        Row("GET", "/openapi/v1.json", "401", "200", "200", "200", "200", "200", "200");
        Row("GET", "/api/v1/me", "401", "200", "200", "200", "200", "200", "200");
        Row("GET", "/api/v1/clusters", "401", "200", "200", "200", "200", "200", "200");
        Row("GET", "/api/v1/clusters/alpha", "401", "403", "200", "200", "200", "403", "200");
        Row("GET", "/api/v1/clusters/alpha/health", "401", "403", "200", "200", "200", "403", "200");
        Row("GET", "/api/v1/cluster-health", "401", "200", "200", "200", "200", "200", "200");
        Row("GET", "/api/v1/nodes", "401", "200", "200", "200", "200", "200", "200");
        Row("GET", "/api/v1/workloads", "401", "200", "200", "200", "200", "200", "200");
        Row("GET", "/api/v1/pods", "401", "200", "200", "200", "200", "200", "200");
        Row("PATCH", "/api/v1/clusters/alpha/tags", "401", "403", "403", "403", "200", "403", "200");
        Row("GET", "/api/v1/users", "401", "403", "403", "403", "403", "200", "200");
        Row("POST", "/api/v1/users", "401", "403", "403", "403", "403", "403", "201");
        Row("GET", "/api/v1/grants", "401", "403", "403", "403", "403", "200", "200");
        Row("POST", "/api/v1/teams", "401", "403", "403", "403", "403", "403", "201");
        Row("GET", "/api/v1/audit", "401", "403", "403", "403", "403", "200", "200");
        Row("POST", "/api/v1/audit/verify", "401", "403", "403", "403", "403", "200", "200");
        Row("GET", "/api/v1/tokens", "401", "200", "200", "200", "200", "200", "200");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachCaller_GetsTheAnswerItsGrantsAllow(string method, string path, string caller, string expected)
    {
        using var http = new HttpClient { BaseAddress = callers.Server.Url };
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')) { Content = Body(path, caller) };
        if (callers.Tokens[caller] is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);

        Assert.True(expected == ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{caller} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.StartsWith("you need ", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("nobody", 0)]
    [InlineData("platform-viewer", 0)]
    [InlineData("viewer", 3)]
    public async Task FleetLists_ShowOnlyTheClustersTheCallerMayView(string caller, int nodes)
    {
        using var http = new HttpClient { BaseAddress = callers.Server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", callers.Tokens[caller]);

        var page = await http.GetFromJsonAsync<JsonObject>("api/v1/nodes?cluster=alpha");

        Assert.Equal(nodes, page!["items"]!.AsArray().Count);
    }

    private static JsonContent? Body(string path, string caller) => path switch
    {
        "/api/v1/clusters/alpha/tags" => JsonContent.Create(new Dictionary<string, string> { ["team"] = "x" }),
        "/api/v1/users" => JsonContent.Create(new { name = $"made-by-{caller}", password = "a-long-password-1" }),
        "/api/v1/teams" => JsonContent.Create(new { name = $"team-of-{caller}" }),
        _ => null,
    };

    /// <summary>One server with one user per caller, shared by every row of the matrix.</summary>
    public sealed class Callers : IAsyncLifetime
    {
        private readonly SimulatorProcess _sim = new();

        public ServerProcess Server { get; private set; } = null!;

        public Dictionary<string, string?> Tokens { get; } = [];

        public async Task InitializeAsync()
        {
            await _sim.InitializeAsync();
            Server = await ServerProcess.StartAsync(TestDatabase.Sqlite);
            var added = await Server.CliAsync(["cluster", "add", "alpha", "--kubeconfig", _sim.Kubeconfig, "--context", "alpha"]);
            Assert.True(added.ExitCode == 0, added.ToString());
            using var http = new HttpClient { BaseAddress = Server.Url };
            for (var waited = 0; !(await http.GetAsync("readyz")).IsSuccessStatusCode; waited++)
            {
                Assert.True(waited < 120, "the server never became ready (its fleet view never synced alpha)");
                await Task.Delay(250);
            }

            Tokens["anonymous"] = null;
            Tokens["nobody"] = await Server.UserTokenAsync("nobody", null);
            Tokens["viewer"] = await Server.UserTokenAsync("viewer", "viewer");
            Tokens["operator"] = await Server.UserTokenAsync("operator", "operator");
            Tokens["admin"] = await Server.UserTokenAsync("cluster-admin", "admin");
            Tokens["platform-viewer"] = await Server.UserTokenAsync("platform-viewer", "viewer", "--platform");
            Tokens["platform-admin"] = JsonNode.Parse(await File.ReadAllTextAsync(Server.ClientConfig))!["token"]!.GetValue<string>();
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            await _sim.DisposeAsync();
        }
    }
}
