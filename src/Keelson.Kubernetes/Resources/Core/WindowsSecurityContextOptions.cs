using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Windows-specific container security settings.</summary>
public sealed class WindowsSecurityContextOptions
{
    /// <summary>Contents of the GMSA credential spec.</summary>
    public string? GmsaCredentialSpec { get; set; }

    /// <summary>Name of the GMSA credential spec.</summary>
    public string? GmsaCredentialSpecName { get; set; }

    /// <summary>Whether the container runs as a host process.</summary>
    public bool? HostProcess { get; set; }

    /// <summary>The Windows user name the entrypoint runs as.</summary>
    public string? RunAsUserName { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
