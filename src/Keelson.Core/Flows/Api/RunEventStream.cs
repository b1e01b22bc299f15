using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Keelson.Core.Flows.Api;

/// <summary>
/// A run's history as server-sent events (<c>text/event-stream</c>): one <c>id</c>/<c>event</c>/<c>data</c>
/// record per event, read from the database (so events of every replica arrive), a comment line as
/// a heartbeat, and an <c>end</c> event with the run's final state once it has ended.
/// </summary>
internal static class RunEventStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task WriteAsync(HttpContext context, FlowService service, long runId, long after, JsonSerializerOptions json, CancellationToken ct)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var quiet = DateTimeOffset.UtcNow;
        await context.Response.WriteAsync(": keelson run events\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Read the state first: events written before it ended are then all in the next read.
                var run = await service.GetRunAsync(runId, ct);
                var events = await service.EventsAsync(runId, after, 500, ct);
                foreach (var e in events)
                {
                    await context.Response.WriteAsync($"id: {FlowEndpoints.Id(e.Id)}\nevent: {e.Type}\ndata: {JsonSerializer.Serialize(e, json)}\n\n", ct);
                    after = e.Id;
                }

                if (events.Count > 0)
                {
                    await context.Response.Body.FlushAsync(ct);
                    quiet = DateTimeOffset.UtcNow;
                    continue;
                }

                if (run is null || run.FinishedAt is not null)
                {
                    var end = new JsonObject { ["run"] = runId, ["state"] = run is null ? "gone" : JsonSerializer.SerializeToNode(run.State, json), ["reason"] = run?.Reason };
                    await context.Response.WriteAsync($"event: end\ndata: {end.ToJsonString()}\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                    return;
                }

                if (DateTimeOffset.UtcNow - quiet > Heartbeat)
                {
                    await context.Response.WriteAsync(": still running\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                    quiet = DateTimeOffset.UtcNow;
                }

                await Task.Delay(Poll, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }

    }
}
