using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One rule of a <see cref="PodFailurePolicy"/>.</summary>
public sealed class PodFailurePolicyRule
{
    /// <summary><c>FailJob</c>, <c>FailIndex</c>, <c>Ignore</c> or <c>Count</c>.</summary>
    public string? Action { get; set; }

    /// <summary>Matches container exit codes.</summary>
    public PodFailurePolicyOnExitCodesRequirement? OnExitCodes { get; set; }

    /// <summary>Matches pod conditions.</summary>
    public List<PodFailurePolicyOnPodConditionsPattern>? OnPodConditions { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
