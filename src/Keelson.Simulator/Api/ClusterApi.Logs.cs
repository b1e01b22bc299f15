using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>pods/log: container logs as plain text.</summary>
public sealed partial class ClusterApi
{
    private static async Task LogAsync(HttpContext context, RequestTarget target, StoredObject pod)
    {
        _ = target;
        _ = pod;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
