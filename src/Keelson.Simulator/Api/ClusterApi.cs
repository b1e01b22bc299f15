using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Simulator.Faults;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>
/// The Kubernetes HTTP API of one simulated cluster, below its base path
/// (<c>/clusters/NAME</c>): authentication, discovery, OpenAPI, and the verbs on every resource.
/// </summary>
public sealed partial class ClusterApi
{
    private readonly SimulatedCluster _cluster;
    private readonly DiscoveryDocuments _discovery;
    private readonly TimeProvider _time;
    private readonly ObjectRegistry _registry;
    private readonly ApiFaultState _faults;

    internal ClusterApi(SimulatedCluster cluster, DiscoveryDocuments discovery, TimeProvider time, ApiFaultState faults)
    {
        _cluster = cluster;
        _discovery = discovery;
        _time = time;
        _registry = cluster.Registry;
        _faults = faults;
    }

    /// <summary>Answers one request; <paramref name="path"/> is the part after the cluster's base path.</summary>
    public async Task HandleAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (path is "/healthz" or "/livez" or "/readyz")
            {
                await WriteTextAsync(context, 200, "ok");
                return;
            }

            // Like system:public-info-viewer on a real cluster: the version is readable without credentials
            // (the kubectl dispatcher reads it to pick a kubectl).
            if (path == "/version")
            {
                await WriteJsonAsync(context, 200, JsonPaths.Serialize(VersionDocument()));
                return;
            }

            if (!Authenticated(context))
            {
                await WriteStatusAsync(context, ApiException.Status(401, "Unauthorized", "Unauthorized"), 401);
                return;
            }

            await InjectApiFaultsAsync(context);
            await RouteAsync(context, path);
        }
        catch (StatusException e)
        {
            await WriteJsonAsync(context, e.Code, Kubernetes.Resources.KubernetesJson.SerializeToUtf8Bytes(e.ToStatus()));
        }
        catch (ApiException e)
        {
            if (e.RetryAfterSeconds is int seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await WriteStatusAsync(context, e.ToStatus(), e.Code);
        }
    }

    /// <summary>The API faults in effect: added latency, then maybe a failure instead of an answer.</summary>
    private async Task InjectApiFaultsAsync(HttpContext context)
    {
        if (_faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_faults.Latency, _time, context.RequestAborted);
        }

        if (_faults.Errors is { } errors && Random.Shared.NextDouble() < errors.Rate)
        {
            throw errors.Code switch
            {
                429 => new ApiException(429, "TooManyRequests", "Too many requests, please try again later.",
                    new JsonObject { ["retryAfterSeconds"] = (int)Math.Ceiling(errors.RetryAfter.TotalSeconds) })
                { RetryAfterSeconds = (int)Math.Ceiling(errors.RetryAfter.TotalSeconds) },
                503 => new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request")
                { RetryAfterSeconds = (int)Math.Ceiling(errors.RetryAfter.TotalSeconds) },
                _ => new ApiException(500, "InternalError", "Internal error occurred: etcdserver: request timed out"),
            };
        }
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        if (path == "/api" || path == "/apis" || path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/apis/", StringComparison.Ordinal))
        {
            if (!TryDiscovery(context, path, out var document, out var contentType))
            {
                await ResourceAsync(context, path, method);
                return;
            }

            await WriteJsonAsync(context, 200, document!, contentType);
            return;
        }

        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            await OpenApiAsync(context, path);
            return;
        }

        throw ApiException.NoSuchPath();
    }

    private async Task ResourceAsync(HttpContext context, string path, string method)
    {
        if (ParseTarget(path) is not { } target)
        {
            throw ApiException.NoSuchPath();
        }

        var query = context.Request.Query;
        var watch = target.LegacyWatch || Flag(query["watch"]);
        switch (method)
        {
            case "GET" when watch && target.Name is null:
                await WatchAsync(context, target);
                break;
            case "GET" when target.Name is null:
                await ListAsync(context, target);
                break;
            case "GET":
                await GetAsync(context, target);
                break;
            default:
                await WriteAsync(context, target, method);
                break;
        }
    }

    private RequestTarget? ParseTarget(string path)
    {
        // /api/v1/... or /apis/GROUP/VERSION/...
        var parts = path.Split('/', 5, StringSplitOptions.None);
        if (parts[1] == "api" && parts.Length >= 4)
        {
            return RequestTarget.Parse(_cluster.Store.Catalog, "", parts[2], path.AsSpan(5 + parts[2].Length));
        }

        if (parts[1] == "apis" && parts.Length >= 5)
        {
            return RequestTarget.Parse(_cluster.Store.Catalog, parts[2], parts[3], parts[4]);
        }

        return null;
    }

    private bool Authenticated(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
               System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                   System.Text.Encoding.UTF8.GetBytes(header[7..].Trim()),
                   System.Text.Encoding.UTF8.GetBytes(_cluster.Token));
    }

    private JsonObject VersionDocument() => new()
    {
        ["major"] = "1",
        ["minor"] = _cluster.Spec.Version[2..],
        ["gitVersion"] = _cluster.GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-06-01T00:00:00Z",
        ["goVersion"] = "go1.22.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>Query booleans as the API server reads them: <c>true</c>, <c>True</c>, <c>1</c> (the Python client sends <c>True</c>).</summary>
    private static bool Flag(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static int? Int(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw ApiException.BadRequest($"{name}: \"{value}\" is not a non-negative integer");
    }

    private static Task WriteStatusAsync(HttpContext context, JsonObject status, int code) =>
        WriteJsonAsync(context, code, JsonPaths.Serialize(status));

    private static async Task WriteJsonAsync(HttpContext context, int code, byte[] body, string contentType = "application/json")
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task WriteTextAsync(HttpContext context, int code, string text)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
