using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Finished pods the job controller has not yet counted.</summary>
public sealed class UncountedTerminatedPods
{
    /// <summary>UIDs of failed pods.</summary>
    public List<string>? Failed { get; set; }

    /// <summary>UIDs of succeeded pods.</summary>
    public List<string>? Succeeded { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
