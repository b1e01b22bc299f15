using System.Collections.Concurrent;
using System.Net;
using Keelson.Kubernetes.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keelson.Kubernetes.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers each request with whatever the test scripted:
/// fixtures of real Kubernetes JSON, status codes, headers, streamed bodies. Records every request.
/// </summary>
internal sealed class LoopbackApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripted = new();

    private LoopbackApiServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<LoopbackApiServer> StartAsync(string pathPrefix = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        server.Url = new Uri(address + pathPrefix);
        return server;
    }

    public KubernetesClientOptions Options(ICredentialProvider? credentials = null) => new()
    {
        Server = Url,
        Credentials = credentials,
        ContextName = "test",
        // Retries in tests must not wait out real Retry-After values.
        Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    };

    /// <summary>
    /// Queues a responder for "METHOD /path" (query ignored, except that a watch is "WATCH /path");
    /// responders are used in order, the last one repeats.
    /// </summary>
    public void On(string method, string path, Func<HttpContext, Task> respond) =>
        _scripted.GetOrAdd($"{method} {path}", _ => new()).Enqueue(respond);

    public void OnJson(string method, string path, string fixture, int status = 200) =>
        On(method, path, ctx => WriteAsync(ctx, status, Fixture(fixture)));

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "api", name));

    public static async Task WriteAsync(HttpContext ctx, int status, string json, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        await ctx.Response.WriteAsync(json);
    }

    /// <summary>Streams a watch: headers at once, then the fixture's lines in chunks of <paramref name="chunk"/> bytes.</summary>
    public static async Task StreamAsync(HttpContext ctx, string fixture, int chunk = int.MaxValue, bool holdOpen = false)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.FlushAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes(Fixture(fixture));
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            await ctx.Response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)));
            await ctx.Response.Body.FlushAsync();
        }

        if (holdOpen)
        {
            await HoldOpenAsync(ctx);
        }
    }

    /// <summary>Keeps a watch open without events until the client goes away.</summary>
    public static async Task HoldOpenAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client closed the watch.
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext ctx)
    {
        using var body = new StreamReader(ctx.Request.Body);
        _requests.Enqueue(new RecordedRequest(
            ctx.Request.Method,
            ctx.Request.Path + ctx.Request.QueryString,
            ctx.Request.Headers.Authorization.ToString(),
            ctx.Request.ContentType,
            await body.ReadToEndAsync()));
        var method = ctx.Request.Query["watch"] == "true" ? "WATCH" : ctx.Request.Method;
        if (_scripted.TryGetValue($"{method} {ctx.Request.Path}", out var queue) && queue.TryPeek(out var respond))
        {
            if (queue.Count > 1)
            {
                queue.TryDequeue(out _);
            }

            await respond(ctx);
            return;
        }

        await WriteAsync(ctx, 404, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""");
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, string? ContentType, string Body);
