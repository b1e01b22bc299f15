using System.Net;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Clusters;
using Keelson.Core.Fleet;
using Keelson.Core.Protection;
using Keelson.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Bench;

/// <summary>
/// A Keelson server in this process composed as the real one (SQLite, protection, access, clusters,
/// fleet view and its endpoints on a loopback port), with a user who may view every cluster.
/// </summary>
internal sealed class FleetServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FleetServer(WebApplication app, string token)
    {
        _app = app;
        Token = token;
        Url = new Uri(app.Urls.First());
    }

    public static AuditActor Admin { get; } = new("bench", "127.0.0.1");

    public Uri Url { get; }

    /// <summary>An API token of a viewer of every cluster.</summary>
    public string Token { get; }

    public FleetView View => _app.Services.GetRequiredService<FleetView>();

    public ClusterRegistry Registry => _app.Services.GetRequiredService<ClusterRegistry>();

    public static async Task<FleetServer> StartAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var database = new KeelsonDatabase(Path.Combine(workDirectory, "keelson.db"));
        await database.MigrateAsync(cancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(database).AddKeelsonProtection().AddKeelsonAccess().AddKeelsonClusters().AddKeelsonFleet();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapKeelsonFleet();
        await app.StartAsync(cancellationToken);

        var services = app.Services;
        await services.GetRequiredService<UserService>().CreateAsync(Admin, "sre", "correct horse battery staple", cancellationToken);
        await services.GetRequiredService<GrantService>().GrantAsync(Admin, GrantSubject.User("sre"), Role.Viewer, GrantScope.AllClusters, cancellationToken);
        var token = await services.GetRequiredService<ApiTokenService>().CreateAsync(Admin, "sre", "bench", null, cancellationToken);
        return new FleetServer(app, token.Plaintext);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
