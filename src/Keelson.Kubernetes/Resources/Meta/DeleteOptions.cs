using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Options for a delete request (meta/v1 DeleteOptions).</summary>
public sealed class DeleteOptions
{
    /// <summary>API version of this object, <c>v1</c> when set.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Always <c>DeleteOptions</c> when set.</summary>
    public string? Kind { get; set; }

    /// <summary>When present, the deletion is not persisted; the only valid value is <c>All</c>.</summary>
    public List<string>? DryRun { get; set; }

    /// <summary>Seconds before the object is deleted; zero means delete immediately, absent means the kind's default.</summary>
    public long? GracePeriodSeconds { get; set; }

    /// <summary>Deprecated: whether dependents are orphaned; use <see cref="PropagationPolicy"/>.</summary>
    public bool? OrphanDependents { get; set; }

    /// <summary>Conditions that must hold for the deletion to proceed.</summary>
    public Preconditions? Preconditions { get; set; }

    /// <summary>Whether and how garbage collection deletes dependents: <c>Orphan</c>, <c>Background</c> or <c>Foreground</c>.</summary>
    public string? PropagationPolicy { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
