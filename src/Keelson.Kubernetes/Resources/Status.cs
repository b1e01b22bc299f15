using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The API's answer for errors and some deletes (<c>meta/v1 Status</c>).</summary>
public sealed class Status
{
    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; set; } = "v1";

    /// <summary>Always <c>Status</c>.</summary>
    public string? Kind { get; set; } = "Status";

    /// <summary>List metadata (unused but part of the wire shape).</summary>
    public ListMeta? Metadata { get; set; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; set; }

    /// <summary>Machine-readable reason, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>More about the reason: the object and, for Invalid, the field causes.</summary>
    public StatusDetails? Details { get; set; }

    /// <summary>HTTP status code.</summary>
    public int? Code { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Details of a <see cref="Status"/>.</summary>
public sealed class StatusDetails
{
    /// <summary>Name of the object concerned.</summary>
    public string? Name { get; set; }

    /// <summary>API group of the object concerned.</summary>
    public string? Group { get; set; }

    /// <summary>Kind (or resource) of the object concerned.</summary>
    public string? Kind { get; set; }

    /// <summary>UID of the object concerned.</summary>
    public string? Uid { get; set; }

    /// <summary>Individual causes, e.g. one per invalid field.</summary>
    public List<StatusCause>? Causes { get; set; }

    /// <summary>Seconds the client should wait before retrying.</summary>
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>One cause of a failure, e.g. an invalid field.</summary>
public sealed class StatusCause
{
    /// <summary>Machine-readable cause, e.g. <c>FieldValueInvalid</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; set; }

    /// <summary>The field concerned, e.g. <c>metadata.name</c>.</summary>
    public string? Field { get; set; }
}
