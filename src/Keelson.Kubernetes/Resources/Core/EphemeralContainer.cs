namespace Keelson.Kubernetes.Resources;

/// <summary>A debugging container added to a running pod (core/v1 EphemeralContainer).</summary>
public sealed class EphemeralContainer : Container
{
    /// <summary>The container whose namespaces (IPC, PID) the ephemeral container joins.</summary>
    public string? TargetContainerName { get; set; }
}
