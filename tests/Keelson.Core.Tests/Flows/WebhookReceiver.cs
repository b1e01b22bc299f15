using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Flows;

/// <summary>A real HTTP server on loopback that records what webhooks receive and answers from a script.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body)> _answers = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Method, string Path, string? IdempotencyKey, JsonNode? Body)> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
            receiver!.Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers["Idempotency-Key"].FirstOrDefault(), text.Length == 0 ? null : JsonNode.Parse(text)));
            await receiver.Hold.Task;
            var (status, body) = receiver._answers.TryDequeue(out var answer) ? answer : (200, """{"ok": true}""");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, new Uri(app.Urls.First()));
        return receiver;
    }

    /// <summary>Every request waits for this before it is answered; completed unless a test replaces it.</summary>
    public TaskCompletionSource Hold { get; set; } = CompletedHold();

    /// <summary>The next requests get these answers, in order; then 200 {"ok": true}.</summary>
    public void Answer(int status, string body) => _answers.Enqueue((status, body));

    private static TaskCompletionSource CompletedHold()
    {
        var hold = new TaskCompletionSource();
        hold.SetResult();
        return hold;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
