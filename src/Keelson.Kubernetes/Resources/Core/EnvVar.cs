using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An environment variable of a container.</summary>
public sealed class EnvVar
{
    /// <summary>Name of the variable.</summary>
    public string? Name { get; set; }

    /// <summary>Value, with <c>$(VAR)</c> references expanded.</summary>
    public string? Value { get; set; }

    /// <summary>Where the value comes from when <see cref="Value"/> is absent.</summary>
    public EnvVarSource? ValueFrom { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
