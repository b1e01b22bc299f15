using System.Net;
using System.Net.Http.Headers;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Clusters;
using Keelson.Core.Fleet;
using Keelson.Core.Protection;
using Keelson.Kubernetes;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;
using Keelson.Storage;
using Keelson.Storage.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Fleet;

/// <summary>
/// A simulated fleet served in-process over HTTP, and a Keelson server on 127.0.0.1 composed as the
/// real one is (protection, access, clusters, fleet, the fleet endpoints) with short intervals so a
/// change shows within a second or two.
/// </summary>
internal sealed class FleetHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly TestDatabase _test;
    private readonly List<KubernetesClient> _clients = [];

    private FleetHarness(SimulatorHost simulator, WebApplication app, TestDatabase test)
    {
        Simulator = simulator;
        _app = app;
        _test = test;
        Url = new Uri(app.Urls.First());
    }

    public static AuditActor Admin { get; } = new("root", "127.0.0.1");

    public SimulatorHost Simulator { get; }

    public Uri Url { get; }

    public FleetView View => Get<FleetView>();

    public ClusterRegistry Registry => Get<ClusterRegistry>();

    /// <summary>Starts the simulator with <paramref name="scenarioYaml"/> and the server; registers no cluster.</summary>
    public static async Task<FleetHarness> StartAsync(string scenarioYaml)
    {
        var simulator = await SimulatorHost.StartAsync(ScenarioLoader.Parse(scenarioYaml, "test.yaml"));
        var (test, database) = await TestDatabase.CreateMigratedAsync(DatabaseDialect.Sqlite);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(database).AddKeelsonProtection().AddKeelsonAccess().AddKeelsonClusters().AddKeelsonFleet(o =>
        {
            o.ReconcileInterval = TimeSpan.FromMilliseconds(200);
            o.ProbeInterval = TimeSpan.FromMilliseconds(500);
            o.MaxBackoff = TimeSpan.FromMilliseconds(500);
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapKeelsonFleet();
        await app.StartAsync();
        return new FleetHarness(simulator, app, test);
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Registers a simulated cluster with Keelson, as <c>keelson cluster add</c> would.</summary>
    public Task<ClusterRecord> RegisterAsync(string cluster, IReadOnlyDictionary<string, string>? tags = null) =>
        Registry.AddAsync(Admin, Registration(cluster, tags), CancellationToken.None);

    public ClusterRegistration Registration(string cluster, IReadOnlyDictionary<string, string>? tags = null) => new()
    {
        Name = cluster,
        Server = Simulator.ClientOptions(cluster).Server,
        Token = Simulator.Cluster(cluster).Token,
        Tags = tags ?? new Dictionary<string, string>(),
    };

    /// <summary>Keelson's client for a simulated cluster, standing in for a kubelet or controller that writes to it.</summary>
    public KubernetesClient Kube(string cluster)
    {
        var client = new KubernetesClient(Simulator.ClientOptions(cluster));
        _clients.Add(client);
        return client;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), failing with <paramref name="what"/> after a generous timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T?> probe, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = probe();
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{what} did not happen within {Patience.TotalSeconds}s; last seen: {last}");
        return default!;
    }

    /// <summary>Waits until every cluster in <paramref name="clusters"/> is in the view and Ready.</summary>
    public Task WaitForReadyAsync(params string[] clusters) =>
        Task.WhenAll(clusters.Select(c => EventuallyAsync(() => View.GetClusterHealth(c), h => h.Status == ClusterStatus.Ready, $"cluster {c} becoming Ready")));

    /// <summary>A user with <paramref name="role"/> on <paramref name="scope"/> and an API token, and an HTTP client presenting it.</summary>
    public async Task<HttpClient> UserAsync(string name, Role role, GrantScope scope)
    {
        await Get<UserService>().CreateAsync(Admin, name, "correct horse battery staple", CancellationToken.None);
        await Get<GrantService>().GrantAsync(Admin, GrantSubject.User(name), role, scope, CancellationToken.None);
        var token = await Get<ApiTokenService>().CreateAsync(Admin, name, "test", null, CancellationToken.None);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Plaintext);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = Url };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        await Simulator.DisposeAsync();
        await _test.DisposeAsync();
    }
}
