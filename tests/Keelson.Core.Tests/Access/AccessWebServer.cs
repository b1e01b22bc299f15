using System.Net;
using System.Security.Claims;
using Keelson.Core.Access;
using Keelson.Core.Protection;
using Keelson.Storage;
using Keelson.Storage.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Access;

/// <summary>
/// A real Kestrel server on 127.0.0.1 composed the way Keelson's host composes access: protection,
/// access, authentication and authorization middleware, and a few endpoints like the real API's.
/// </summary>
internal sealed class AccessWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestDatabase _test;

    private AccessWebServer(WebApplication app, TestDatabase test, Uri url)
    {
        _app = app;
        _test = test;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>A directory removed with the server, for a data directory.</summary>
    public string Directory => _test.Directory;

    public static async Task<AccessWebServer> StartAsync(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(database).AddKeelsonProtection().AddKeelsonAccess();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapPost("/login", async (HttpContext context, LoginService login) =>
        {
            var form = await context.Request.ReadFormAsync();
            var result = await login.SignInAsync(context, form["user"].ToString(), form["password"].ToString(), context.RequestAborted);
            return result.Succeeded ? Results.NoContent() : Results.Problem(result.Message, statusCode: 401);
        }).AllowAnonymous();
        app.MapPost("/logout", async (HttpContext context, LoginService login) =>
        {
            await login.SignOutAsync(context, context.RequestAborted);
            return Results.NoContent();
        });
        app.MapGet("/api/me", (ClaimsPrincipal user) => new Dictionary<string, string?>
        {
            ["name"] = user.Identity?.Name,
            ["method"] = user.FindFirst(KeelsonClaimTypes.AuthMethod)?.Value,
            ["token"] = user.FindFirst(KeelsonClaimTypes.TokenId)?.Value,
            ["hasSession"] = (user.FindFirst(KeelsonClaimTypes.SessionId) is not null).ToString(),
        });
        app.MapPost("/api/users", () => Results.NoContent()).RequireAuthorization(KeelsonPolicies.PlatformAdmin);
        app.MapGet("/healthz", () => "ok").AllowAnonymous();

        await app.StartAsync();
        return new AccessWebServer(app, test, new Uri(app.Urls.First()));
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A client that keeps cookies like a browser and does not follow redirects.</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Url };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _test.DisposeAsync();
    }
}
