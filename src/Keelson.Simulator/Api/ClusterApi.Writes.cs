using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Api.Protobuf;
using Keelson.Simulator.Patching;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>create, update, patch, delete, deletecollection and the write subresources.</summary>
public sealed partial class ClusterApi
{
    private async Task WriteAsync(HttpContext context, RequestTarget target, string method)
    {
        if (target.Kind.ReadOnly)
        {
            throw ApiException.MethodNotAllowed();
        }

        var write = WriteContextFor(context);
        var body = await ReadBodyAsync(context);
        switch (method, target.Name, target.Subresource)
        {
            case ("POST", null, null):
                await RespondAsync(context, 201, _registry.Create(target.Kind, target.Namespace, DecodeObject(context, target.Kind, body, write), write).Json, write);
                break;
            case ("POST", { } name, "eviction"):
                var eviction = JsonNode.Parse(body) as JsonObject ?? throw ApiException.BadRequest("the body must be an Eviction object");
                _registry.Evict(target.Kind, target.Namespace!, name, DeleteOptionsFrom(eviction["deleteOptions"] as JsonObject, context.Request.Query));
                await RespondAsync(context, 201, JsonPaths.Serialize(ApiException.Status(201, null, "")), write);
                break;
            case ("POST", { } name, "binding"):
                var binding = JsonNode.Parse(body) as JsonObject ?? throw ApiException.BadRequest("the body must be a Binding object");
                var node = binding["target"]?["name"]?.GetValue<string>() ?? throw ApiException.BadRequest("binding: target.name is required");
                _registry.Bind(target.Kind, target.Namespace!, name, node, write);
                await RespondAsync(context, 201, JsonPaths.Serialize(ApiException.Status(201, null, "")), write);
                break;
            case ("PUT", { } name, null or "status" or "finalize"):
                await RespondAsync(context, 200, _registry.Update(target.Kind, target.Namespace, name, DecodeObject(context, target.Kind, body, write), target.Subresource, write).Json, write);
                break;
            case ("PUT", { } name, "scale"):
                var scale = JsonNode.Parse(body) as JsonObject ?? throw ApiException.BadRequest("the body must be a Scale object");
                await RespondAsync(context, 200, JsonPaths.Serialize(_registry.UpdateScale(target.Kind, target.Namespace, name, scale, write)), write);
                break;
            case ("PATCH", { } name, null or "status"):
                await PatchAsync(context, target, name, body, write);
                break;
            case ("PATCH", { } name, "scale"):
                var scaleSchema = ObjectMachinery.SchemaOf("autoscaling/v1", "Scale");
                var patchKind = PatchKindOf(context);
                var patched = _registry.UpdateScale(target.Kind, target.Namespace, name, current => Patcher.Apply(patchKind, current, body, scaleSchema, write.FieldValidation).Object, write);
                await RespondAsync(context, 200, JsonPaths.Serialize(patched), write);
                break;
            case ("DELETE", { } name, null):
                await DeleteAsync(context, target, name, body, write);
                break;
            case ("DELETE", null, null):
                await DeleteCollectionAsync(context, target, body, write);
                break;
            default:
                throw ApiException.MethodNotAllowed();
        }
    }

    private async Task PatchAsync(HttpContext context, RequestTarget target, string name, byte[] body, WriteContext write)
    {
        var type = PatchKindOf(context);
        JsonObject? applied = null;
        if (type == PatchKind.Apply)
        {
            if (string.IsNullOrEmpty(context.Request.Query["fieldManager"]))
            {
                throw ApiException.BadRequest("PATCH with application/apply-patch+yaml requires the fieldManager query parameter");
            }

            // An apply configuration is not pruned: server-side apply refuses undeclared fields itself.
            var configuration = ParseApplyConfiguration(body);
            write.Warnings.AddRange(configuration.CheckDuplicates(write.FieldValidation));
            applied = configuration.Object;
            write = write with { Apply = true }; // the same warnings list, shared with the response
        }

        var existed = _registry.Get(target.Kind, target.Namespace, name) is not null;
        var stored = _registry.Patch(target.Kind, target.Namespace, name, type, body, applied, target.Subresource, write);
        await RespondAsync(context, existed || type != PatchKind.Apply ? 200 : 201, stored.Json, write);
    }

    private async Task DeleteAsync(HttpContext context, RequestTarget target, string name, byte[] body, WriteContext write)
    {
        var options = DeleteOptionsFrom(body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject, context.Request.Query);
        var outcome = _registry.Delete(target.Kind, target.Namespace, name, options);
        if (!outcome.Removed || target.Kind.Resource.Kind == "Pod")
        {
            // Pending deletions (and pods, as kube-apiserver does) answer with the object itself.
            var code = !outcome.Removed && options.PropagationPolicy == "Foreground" ? 202 : 200;
            await RespondAsync(context, code, outcome.Object.Json, write);
            return;
        }

        var details = new JsonObject { ["name"] = name };
        if (target.Kind.Resource.Group.Length > 0)
        {
            details["group"] = target.Kind.Resource.Group;
        }

        details["kind"] = target.Kind.Resource.Plural;
        details["uid"] = outcome.Object.Uid;
        await RespondAsync(context, 200, JsonPaths.Serialize(ApiException.Status(200, null, "", details)), write);
    }

    private async Task DeleteCollectionAsync(HttpContext context, RequestTarget target, byte[] body, WriteContext write)
    {
        var options = DeleteOptionsFrom(body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject, context.Request.Query);
        var filter = SelectorFilter.Build(target.Kind, context.Request.Query["labelSelector"], context.Request.Query["fieldSelector"]);
        var page = _cluster.Store.Table(target.Kind).List(target.Namespace, filter);
        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            try
            {
                items.Add(JsonNode.Parse(_registry.Delete(target.Kind, item.Key.Namespace, item.Key.Name, options).Object.Json));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile: that is what was asked.
            }
        }

        var list = new JsonObject
        {
            ["kind"] = target.Kind.ListKind,
            ["apiVersion"] = target.Kind.Resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _cluster.Store.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
        await RespondAsync(context, 200, JsonPaths.Serialize(list), write);
    }

    private Task SubresourceGetAsync(HttpContext context, RequestTarget target, StoredObject stored) => target.Subresource switch
    {
        "scale" => WriteJsonAsync(context, 200, JsonPaths.Serialize(_registry.GetScale(target.Kind, target.Namespace, stored.Key.Name))),
        "log" => LogAsync(context, target, stored),
        _ => throw ApiException.MethodNotAllowed(),
    };

    /// <summary>
    /// Decodes a JSON, YAML or Kubernetes protobuf body against the target kind's schema, as kube-apiserver does: type
    /// errors are 400, unknown fields pruned and reported per <c>fieldValidation</c>.
    /// </summary>
    private static JsonObject DecodeObject(HttpContext context, ResourceKind kind, byte[] body, WriteContext write)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim() ?? "application/json";
        var schema = ObjectMachinery.SchemaOf(kind.Resource.ApiVersion, kind.Resource.Kind);
        DecodedObject decoded;
        switch (mediaType)
        {
            case "application/json":
                decoded = FieldValidation.Decode(body, schema, write.FieldValidation);
                break;
            case "application/yaml" or "application/apply-patch+yaml":
                IReadOnlyList<JsonNode> documents;
                try
                {
                    documents = YamlJson.ToJsonNodes(Encoding.UTF8.GetString(body), "request body");
                }
                catch (ManifestException e)
                {
                    throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
                }

                decoded = FieldValidation.Decode(documents.Count == 1 ? documents[0] : null, schema, write.FieldValidation);
                break;
            case ProtobufEnvelope.MediaType:
                decoded = FieldValidation.Decode(ProtobufEnvelope.Decode(body, kind.Resource.ApiVersion, kind.Resource.Kind), schema, write.FieldValidation);
                break;
            default:
                throw ApiException.UnsupportedMediaType(context.Request.ContentType);
        }

        write.Warnings.AddRange(decoded.Warnings);
        return decoded.Object;
    }

    /// <summary>An apply body: YAML (of which JSON is a subset).</summary>
    private static ApplyConfiguration ParseApplyConfiguration(byte[] body)
    {
        if (body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            return ApplyConfiguration.Parse(body);
        }

        try
        {
            var documents = YamlJson.ToJsonNodes(Encoding.UTF8.GetString(body), "request body");
            return documents is [JsonObject obj]
                ? ApplyConfiguration.FromParsed(obj)
                : throw ApiException.BadRequest("an apply body must be one YAML or JSON object");
        }
        catch (ManifestException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }

    private static PatchKind PatchKindOf(HttpContext context) =>
        PatchKinds.TryParse(context.Request.ContentType, out var kind)
            ? kind
            : throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", PatchKinds.ContentTypes)}");

    private static DeleteOptions DeleteOptionsFrom(JsonObject? body, IQueryCollection query)
    {
        var grace = body?["gracePeriodSeconds"]?.GetValue<long>() ?? (long.TryParse(query["gracePeriodSeconds"], out var g) ? g : null);
        var policy = body?["propagationPolicy"]?.GetValue<string>() ?? NullIfEmpty(query["propagationPolicy"]);
        if (policy is null && body?["orphanDependents"]?.GetValue<bool>() is bool orphan)
        {
            policy = orphan ? "Orphan" : "Background";
        }

        return new DeleteOptions
        {
            GracePeriodSeconds = grace,
            PropagationPolicy = policy,
            PreconditionUid = body?["preconditions"]?["uid"]?.GetValue<string>(),
            PreconditionResourceVersion = body?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            DryRun = body?["dryRun"] is JsonArray { Count: > 0 } || query["dryRun"] == "All",
        };
    }

    private static WriteContext WriteContextFor(HttpContext context)
    {
        var query = context.Request.Query;
        // Without fieldManager kube-apiserver names the manager after the client program (User-Agent up to '/').
        var manager = NullIfEmpty(query["fieldManager"]) ?? NullIfEmpty(context.Request.Headers.UserAgent.ToString().Split('/')[0]) ?? "unknown";
        var validation = query["fieldValidation"].ToString();
        if (!FieldValidation.TryParseMode(validation.Length == 0 ? null : validation, out var mode))
        {
            throw ApiException.BadRequest($"fieldValidation: \"{validation}\" is not one of Ignore, Warn, Strict");
        }

        return new WriteContext
        {
            FieldManager = manager,
            DryRun = query["dryRun"] == "All",
            Force = Flag(query["force"]),
            FieldValidation = mode,
        };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static Task RespondAsync(HttpContext context, int code, byte[] json, WriteContext write)
    {
        foreach (var warning in write.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        return WriteJsonAsync(context, code, json);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
