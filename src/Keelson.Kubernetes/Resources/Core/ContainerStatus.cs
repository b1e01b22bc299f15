using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of one container; the alpha <c>allocatedResources</c>, <c>resources</c> and <c>volumeMounts</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class ContainerStatus
{
    /// <summary>ID of the container, <c>runtime://id</c>.</summary>
    public string? ContainerID { get; set; }

    /// <summary>The image the container runs.</summary>
    public string? Image { get; set; }

    /// <summary>The image's ID, usually with its digest.</summary>
    public string? ImageID { get; set; }

    /// <summary>The state of the container's last termination.</summary>
    public ContainerState? LastState { get; set; }

    /// <summary>Name of the container.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the container passes its readiness probe.</summary>
    public bool? Ready { get; set; }

    /// <summary>How many times the container was restarted.</summary>
    public int? RestartCount { get; set; }

    /// <summary>Whether the container passed its startup probe.</summary>
    public bool? Started { get; set; }

    /// <summary>The container's current state.</summary>
    public ContainerState? State { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
