using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A terminated container.</summary>
public sealed class ContainerStateTerminated
{
    /// <summary>ID of the container, <c>runtime://id</c>.</summary>
    public string? ContainerID { get; set; }

    /// <summary>Exit status of the last termination.</summary>
    public int? ExitCode { get; set; }

    /// <summary>When the container last terminated.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Message about the last termination.</summary>
    public string? Message { get; set; }

    /// <summary>Brief reason, e.g. <c>Completed</c>, <c>Error</c> or <c>OOMKilled</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>Signal of the last termination.</summary>
    public int? Signal { get; set; }

    /// <summary>When the container's last execution started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
