using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Faults;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>
/// The simulator's own API for faults, beside the clusters' Kubernetes APIs:
/// <c>GET|POST|DELETE /sim/v1/clusters/NAME/faults[/ID]</c> and <c>GET /sim/v1/faulttypes</c>,
/// authenticated with the cluster's bearer token.
/// </summary>
internal static class FaultApi
{
    public const string Prefix = "/sim/v1/";

    public static async Task HandleAsync(HttpContext context, string path, Func<string, (SimulatedCluster Cluster, FaultInjector Faults)?> find)
    {
        var parts = path[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            switch (parts)
            {
                case ["faulttypes"] when context.Request.Method == "GET":
                    await WriteAsync(context, 200, new JsonObject
                    {
                        ["items"] = new JsonArray([.. FaultTypes.Types.Select(t => (JsonNode)new JsonObject { ["type"] = t.Name, ["description"] = t.Description })]),
                    });
                    return;
                case ["clusters", var name, "faults", .. var rest] when rest.Length <= 1:
                    var target = find(name) ?? throw new FaultException($"the simulator has no cluster \"{name}\"", 404);
                    if (!Authenticated(context, target.Cluster.Token))
                    {
                        await WriteAsync(context, 401, new JsonObject { ["message"] = $"Unauthorized: send the bearer token of cluster \"{name}\" (from the simulator's kubeconfig)" });
                        return;
                    }

                    await FaultsAsync(context, target.Faults, rest.Length == 1 ? rest[0] : null);
                    return;
                default:
                    throw new FaultException("no such simulator API path; use /sim/v1/clusters/NAME/faults or /sim/v1/faulttypes", 404);
            }
        }
        catch (FaultException e)
        {
            await WriteAsync(context, e.StatusCode, new JsonObject { ["message"] = e.Message });
        }
        catch (System.Text.Json.JsonException e)
        {
            await WriteAsync(context, 400, new JsonObject { ["message"] = $"the body is not valid JSON: {e.Message}" });
        }
    }

    private static async Task FaultsAsync(HttpContext context, FaultInjector faults, string? id)
    {
        switch (context.Request.Method, id)
        {
            case ("GET", null):
                await WriteAsync(context, 200, new JsonObject { ["items"] = new JsonArray([.. faults.Active.Select(f => (JsonNode)ToJson(f))]) });
                break;
            case ("POST", null):
                var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                    ?? throw new FaultException("the body must be a JSON object: {\"type\":\"nodeDown\",\"parameters\":{\"node\":\"...\"},\"duration\":\"5m\"}");
                var type = body["type"]?.GetValue<string>() ?? throw new FaultException($"\"type\" is required; the types are: {FaultTypes.Names}");
                var parameters = (body["parameters"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
                TimeSpan? duration = null;
                if (body["duration"]?.GetValue<string>() is { } text)
                {
                    duration = GoDuration.TryParse(text, out var d) && d > TimeSpan.Zero ? d : throw new FaultException($"\"duration\": \"{text}\" is not a positive duration such as 30s or 5m");
                }

                await WriteAsync(context, 201, ToJson(faults.Inject(type, parameters, duration)));
                break;
            case ("DELETE", null):
                await WriteAsync(context, 200, new JsonObject { ["cleared"] = faults.ClearAll() });
                break;
            case ("DELETE", { } faultId):
                if (!faults.Clear(faultId))
                {
                    throw new FaultException($"no active fault \"{faultId}\"; list them with GET on this collection", 404);
                }

                await WriteAsync(context, 200, new JsonObject { ["cleared"] = 1 });
                break;
            default:
                throw new FaultException("use GET or POST on .../faults and DELETE on .../faults or .../faults/ID", 405);
        }
    }

    private static JsonObject ToJson(ActiveFault fault) => new()
    {
        ["id"] = fault.Id,
        ["type"] = fault.Type,
        ["parameters"] = new JsonObject([.. fault.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["injectedAt"] = Registry.ObjectRegistry.TimeText(fault.InjectedAt),
        ["clearsAt"] = fault.ClearsAt is { } at ? Registry.ObjectRegistry.TimeText(at) : null,
    };

    private static bool Authenticated(HttpContext context, string token)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
               CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    private static async Task WriteAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonPaths.Serialize(body), context.RequestAborted);
    }
}
