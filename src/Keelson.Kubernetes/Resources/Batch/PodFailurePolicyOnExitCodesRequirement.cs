using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Matches a failed pod by its containers' exit codes.</summary>
public sealed class PodFailurePolicyOnExitCodesRequirement
{
    /// <summary>The container whose exit code is checked; all containers when absent.</summary>
    public string? ContainerName { get; set; }

    /// <summary><c>In</c> or <c>NotIn</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>The exit codes.</summary>
    public List<int>? Values { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
