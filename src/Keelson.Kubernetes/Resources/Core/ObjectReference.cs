using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Points at any object, by kind, namespace, name and optionally UID (core/v1 ObjectReference).</summary>
public sealed class ObjectReference
{
    /// <summary>API version of the referent.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>A field within the referent, e.g. <c>spec.containers{name}</c>.</summary>
    public string? FieldPath { get; set; }

    /// <summary>Kind of the referent.</summary>
    public string? Kind { get; set; }

    /// <summary>Name of the referent.</summary>
    public string? Name { get; set; }

    /// <summary>Namespace of the referent.</summary>
    public string? Namespace { get; set; }

    /// <summary>Resource version of the referent the reference was made to.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>UID of the referent.</summary>
    public string? Uid { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
