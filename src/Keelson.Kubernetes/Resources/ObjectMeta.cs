using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Standard object metadata (<c>meta/v1 ObjectMeta</c>).</summary>
public sealed class ObjectMeta
{
    /// <summary>Unique within a namespace.</summary>
    public string? Name { get; set; }

    /// <summary>Prefix from which the server generates a unique name when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; set; }

    /// <summary>The namespace; empty for cluster-scoped objects.</summary>
    public string? Namespace { get; set; }

    /// <summary>Server-assigned unique id.</summary>
    public string? Uid { get; set; }

    /// <summary>Opaque version for optimistic concurrency and watch resumption.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Incremented by the server on every change of the desired state.</summary>
    public long? Generation { get; set; }

    /// <summary>When the server created the object.</summary>
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>When graceful deletion was requested; the object goes once its finalizers are removed.</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Seconds the object is allowed to terminate gracefully.</summary>
    public long? DeletionGracePeriodSeconds { get; set; }

    /// <summary>Identifying labels used by selectors.</summary>
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Non-identifying metadata.</summary>
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Objects this one depends on (its owners), used by garbage collection.</summary>
    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>Must be empty before the object is removed from storage.</summary>
    public List<string>? Finalizers { get; set; }

    /// <summary>Which field manager owns which fields (server-side apply).</summary>
    public List<ManagedFieldsEntry>? ManagedFields { get; set; }

    /// <summary>Metadata fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The label's value, or null when absent.</summary>
    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var v) ? v : null;

    /// <summary>The annotation's value, or null when absent.</summary>
    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;
}
