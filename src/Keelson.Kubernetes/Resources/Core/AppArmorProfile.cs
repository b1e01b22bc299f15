using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An AppArmor profile.</summary>
public sealed class AppArmorProfile
{
    /// <summary>Name of a profile loaded on the node, when <see cref="Type"/> is <c>Localhost</c>.</summary>
    public string? LocalhostProfile { get; set; }

    /// <summary><c>RuntimeDefault</c>, <c>Unconfined</c> or <c>Localhost</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
