using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Runs a command in a container.</summary>
public sealed class ExecAction
{
    /// <summary>The command and its arguments, run without a shell.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
