using System.Text.Json.Nodes;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Api;

/// <summary>
/// A request failed the way kube-apiserver fails it: an HTTP code and a <c>Status</c> object
/// with the same reason, message and details a real server sends.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates an error from a ready Status object.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>The HTTP status code.</summary>
    public int Code { get; }

    /// <summary>The Status reason, e.g. <c>NotFound</c>.</summary>
    public string Reason { get; }

    /// <summary>The Status details (name, group, kind, causes), if any.</summary>
    public JsonObject? Details { get; }

    /// <summary>Seconds the client should wait (429); sent as <c>Retry-After</c> too.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>An error carrying a Status built elsewhere (validation).</summary>
    public static ApiException FromStatus(JsonObject status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new ApiException(
            status["code"]?.GetValue<int>() ?? 500,
            status["reason"]?.GetValue<string>() ?? "InternalError",
            status["message"]?.GetValue<string>() ?? "",
            status["details"]?.DeepClone() as JsonObject);
    }

    /// <summary>The Status object to send.</summary>
    public JsonObject ToStatus() => Status(Code, Reason, Message, Details?.DeepClone().AsObject());

    /// <summary>A Status object.</summary>
    public static JsonObject Status(int code, string? reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = code < 400 ? "Success" : "Failure",
            ["message"] = message,
        };
        if (reason is not null)
        {
            status["reason"] = reason;
        }

        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    /// <summary>404 for an object: <c>deployments.apps "web" not found</c>.</summary>
    public static ApiException NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{Qualified(kind)} \"{name}\" not found", ObjectDetails(kind, name));

    /// <summary>404 for a path nothing serves.</summary>
    public static ApiException NoSuchPath() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    /// <summary>409 AlreadyExists.</summary>
    public static ApiException AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{Qualified(kind)} \"{name}\" already exists", ObjectDetails(kind, name));

    /// <summary>409 Conflict on a stale resourceVersion.</summary>
    public static ApiException Conflict(ResourceKind kind, string name) =>
        Conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>409 Conflict with a reason of its own.</summary>
    public static ApiException Conflict(ResourceKind kind, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(kind)} \"{name}\": {why}", ObjectDetails(kind, name));

    /// <summary>400 BadRequest.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>403 Forbidden.</summary>
    public static ApiException Forbidden(ResourceKind kind, string name, string why) =>
        new(403, "Forbidden", $"{Qualified(kind)} \"{name}\" is forbidden: {why}", ObjectDetails(kind, name));

    /// <summary>405 MethodNotAllowed.</summary>
    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    /// <summary>406 NotAcceptable.</summary>
    public static ApiException NotAcceptable(string accept) =>
        new(406, "NotAcceptable", $"the server was unable to respond with a content type that the client supports (accepted: {accept}); use application/json");

    /// <summary>415 UnsupportedMediaType.</summary>
    public static ApiException UnsupportedMediaType(string? contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got \"{contentType}\")");

    /// <summary>410 Expired/Gone for a watch that starts too far back.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>The resource as kube-apiserver names it in messages: <c>pods</c> or <c>deployments.apps</c>.</summary>
    public static string Qualified(ResourceKind kind) =>
        kind.Resource.Group.Length == 0 ? kind.Resource.Plural : $"{kind.Resource.Plural}.{kind.Resource.Group}";

    private static JsonObject ObjectDetails(ResourceKind kind, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (kind.Resource.Group.Length > 0)
        {
            details["group"] = kind.Resource.Group;
        }

        details["kind"] = kind.Resource.Plural;
        return details;
    }
}
