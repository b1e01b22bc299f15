using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A container in a pod (core/v1 Container); the alpha <c>resizePolicy</c> and <c>resources.claims</c> stay in <see cref="ExtensionData"/>.</summary>
// Not sealed: EphemeralContainer is the same fields plus targetContainerName, as the API defines it.
public class Container
{
    /// <summary>Arguments to the entrypoint; the image's CMD when absent.</summary>
    public List<string>? Args { get; set; }

    /// <summary>The entrypoint; the image's ENTRYPOINT when absent.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Environment variables set in the container.</summary>
    public List<EnvVar>? Env { get; set; }

    /// <summary>Sources whose keys all become environment variables.</summary>
    public List<EnvFromSource>? EnvFrom { get; set; }

    /// <summary>The container image.</summary>
    public string? Image { get; set; }

    /// <summary><c>Always</c>, <c>Never</c> or <c>IfNotPresent</c>.</summary>
    public string? ImagePullPolicy { get; set; }

    /// <summary>Actions run after the container starts and before it stops.</summary>
    public Lifecycle? Lifecycle { get; set; }

    /// <summary>Restarts the container when it fails.</summary>
    public Probe? LivenessProbe { get; set; }

    /// <summary>Name of the container, unique within the pod.</summary>
    public string? Name { get; set; }

    /// <summary>Ports the container exposes (informational).</summary>
    public List<ContainerPort>? Ports { get; set; }

    /// <summary>Removes the pod from service endpoints while it fails.</summary>
    public Probe? ReadinessProbe { get; set; }

    /// <summary>Compute resources the container requests and is limited to.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary><c>Always</c> on an init container makes it a sidecar that runs for the pod's lifetime.</summary>
    public string? RestartPolicy { get; set; }

    /// <summary>Security options the container runs with.</summary>
    public SecurityContext? SecurityContext { get; set; }

    /// <summary>Holds the other probes back until the container has started.</summary>
    public Probe? StartupProbe { get; set; }

    /// <summary>Whether the container allocates a buffer for stdin.</summary>
    public bool? Stdin { get; set; }

    /// <summary>Whether stdin closes after the first attach.</summary>
    public bool? StdinOnce { get; set; }

    /// <summary>File the container's termination message is read from.</summary>
    public string? TerminationMessagePath { get; set; }

    /// <summary><c>File</c> or <c>FallbackToLogsOnError</c>.</summary>
    public string? TerminationMessagePolicy { get; set; }

    /// <summary>Whether the container allocates a TTY.</summary>
    public bool? Tty { get; set; }

    /// <summary>Block devices the container uses.</summary>
    public List<VolumeDevice>? VolumeDevices { get; set; }

    /// <summary>Volumes mounted into the container's filesystem.</summary>
    public List<VolumeMount>? VolumeMounts { get; set; }

    /// <summary>The container's working directory.</summary>
    public string? WorkingDir { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
