using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Tests.Server;
using Keelson.Tests.Simulator;

namespace Keelson.Tests.Flows;

/// <summary>
/// The simulator, one database and one data directory shared by every <c>keelson server</c> process a
/// test starts, kills and restarts on them; cluster <c>alpha</c> registered; the admin's token.
/// </summary>
internal sealed class FlowTestBed : IAsyncDisposable
{
    private readonly SimulatorProcess _sim = new();
    private readonly List<FlowServerNode> _nodes = [];
    private TestDatabase? _database;

    public string Data { get; } = Directory.CreateTempSubdirectory("keelson-flows-").FullName;

    public string Token { get; private set; } = "";

    public KubernetesClient Alpha { get; private set; } = null!;

    public string Kubeconfig => _sim.Kubeconfig;

    /// <summary>The process started with the bed (it created the admin and registered alpha).</summary>
    public FlowServerNode First => _nodes[0];

    public static async Task<FlowTestBed> StartAsync(string engine)
    {
        var bed = new FlowTestBed();
        try
        {
            await bed._sim.InitializeAsync();
            bed._database = await TestDatabase.CreateAsync(engine, bed.Data);
            bed.Alpha = new KubernetesClient(KubeConfig.LoadFile(bed._sim.Kubeconfig).ToClientOptions("alpha"));
            var first = await bed.StartNodeAsync();
            var password = (await File.ReadAllTextAsync(Path.Combine(bed.Data, "initial-admin-password"))).Trim();
            using var http = new HttpClient { BaseAddress = first.Url };
            var login = await http.PostAsJsonAsync("api/v1/login", new { username = "admin", password, issueToken = true });
            login.EnsureSuccessStatusCode();
            bed.Token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
            var added = await bed.CliAsync(first, ["cluster", "add", "alpha", "--kubeconfig", bed._sim.Kubeconfig, "--context", "alpha"]);
            Assert.True(added.ExitCode == 0, added.ToString());
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a server process on the shared database; it may die at once when a fault point is reached while starting.</summary>
    public async Task<FlowServerNode> StartNodeAsync(IDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["KEELSON_FLOWS_POLL_INTERVAL"] = "200ms",
        };
        var node = await FlowServerNode.StartAsync(Data, _database!.Setting, env);
        _nodes.Add(node);
        return node;
    }

    public HttpClient Http(FlowServerNode node)
    {
        var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary>Runs the CLI against <paramref name="node"/> as the admin.</summary>
    public Task<CommandResult> CliAsync(FlowServerNode node, IEnumerable<string> args, TimeSpan? timeout = null) =>
        Programs.RunAsync(Programs.Keelson, args, null, new Dictionary<string, string>
        {
            ["KEELSON_CONFIG"] = Path.Combine(Data, "client-config"),
            ["KEELSON_SERVER"] = node.Url.ToString(),
            ["KEELSON_TOKEN"] = Token,
        }, timeout);

    public async Task ApplyAsync(FlowServerNode node, string file)
    {
        using var http = Http(node);
        using var content = new StringContent(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "flows", file)), Encoding.UTF8, "application/yaml");
        var answer = await http.PostAsync($"api/v1/flows?source={file}", content);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    public async Task<long> StartRunAsync(FlowServerNode node, string flow, JsonObject parameters)
    {
        using var http = Http(node);
        var answer = await http.PostAsJsonAsync("api/v1/runs", new JsonObject { ["flow"] = flow, ["params"] = parameters });
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    public async Task<JsonObject> RunAsync(FlowServerNode node, long id)
    {
        using var http = Http(node);
        return (await http.GetFromJsonAsync<JsonObject>($"api/v1/runs/{id}"))!;
    }

    public async Task<JsonArray> EventsAsync(FlowServerNode node, long id)
    {
        using var http = Http(node);
        return (JsonArray)(await http.GetFromJsonAsync<JsonObject>($"api/v1/runs/{id}/events?limit=1000"))!["items"]!;
    }

    /// <summary>Waits until the run has ended and returns it.</summary>
    public async Task<JsonObject> WaitForEndAsync(FlowServerNode node, long id, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var run = await RunAsync(node, id);
            if (run["finishedAt"] is not null)
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"run {id} did not end within {timeout}: {run.ToJsonString()}\n{node.Output}");
            Assert.False(node.HasExited, $"the server died while waiting for run {id}:\n{node.Output}");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Alpha?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await _sim.DisposeAsync();
        Directory.Delete(Data, recursive: true);
    }
}
