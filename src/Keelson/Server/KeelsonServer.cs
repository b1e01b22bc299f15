using System.Text.Json;
using Keelson.Core.Access;
using Keelson.Core.Api;
using Keelson.Core.Audit;
using Keelson.Core.Changes;
using Keelson.Core.Clusters;
using Keelson.Core.Fleet;
using Keelson.Core.Flows.Api;
using Keelson.Core.Guardrails;
using Keelson.Core.Observability;
using Keelson.Core.Protection;
using Keelson.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Keelson.Server;

/// <summary>Composes the Keelson server: every capability's services and endpoints, health, metrics and OpenAPI.</summary>
public static class KeelsonServer
{
    /// <summary>Migrates the database and builds the web application (not yet started).</summary>
    /// <param name="settings">Checked settings.</param>
    /// <param name="structuredLogs">JSON logs for production (<c>keelson server</c>); terse console logs otherwise.</param>
    /// <param name="cancellationToken">Stops migrating.</param>
    /// <exception cref="Storage.Migrations.MigrationException">The database cannot be migrated; the message says why and what to do.</exception>
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, bool structuredLogs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CreatePrivateDirectory(settings.Data);
        var database = new KeelsonDatabase(settings.DatabaseOrDefault);
        await database.MigrateAsync(cancellationToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (structuredLogs)
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(ServerSettingsLoader.Endpoint(settings)));
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton(settings);
        services.AddKeelsonProtection(keyEncryptionCertificate: KeyEncryptionCertificate.LoadOrCreate(settings.KeyEncryptionCertificateOrDefault));
        services.AddKeelsonAccess(o =>
        {
            o.MinimumPasswordLength = settings.MinimumPasswordLength;
            o.SessionLifetime = settings.SessionLifetime;
        });
        services.AddKeelsonClusters();
        services.AddKeelsonFleet();
        services.AddKeelsonGuardrails(settings.Guardrails.ApplyTo);
        services.AddKeelsonFlowsApi(settings.Flows);
        services.AddKeelsonChanges();
        services.AddKeelsonMetrics();
        services.AddProblemDetails();
        services.AddExceptionHandler<RefusalProblems>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<FleetReadiness>("fleet", tags: ["ready"]);

        var app = builder.Build();
        FlowFaultPoints.InstallFromEnvironment(app.Services.GetRequiredService<Core.Flows.Engine.FlowEngine>());
        app.UseKeelsonRequestMetrics();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReadinessAsync }).AllowAnonymous();
        app.MapKeelsonMetrics(settings.MetricsRequireToken);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapKeelsonAccess();
        app.MapKeelsonAudit();
        app.MapKeelsonClusters();
        app.MapKeelsonFleet();
        app.MapKeelsonGuardrails();
        app.MapKeelsonFlows();
        app.MapKeelsonChanges();
        return app;
    }

    /// <summary>Creates the initial admin on first start; returns its password that one time.</summary>
    public static Task<string?> EnsureInitialAdminAsync(WebApplication app, ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        return app.Services.GetRequiredService<UserService>().EnsureInitialAdminAsync(settings.Data, cancellationToken);
    }

    /// <summary>The readiness answer names each check and why it is not ready, so an operator sees the cause.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{(e.Value.Status == HealthStatus.Healthy ? "ok" : "not ready")} {e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join('\n', lines) + "\n");
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
