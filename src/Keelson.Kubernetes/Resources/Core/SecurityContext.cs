using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Security settings of a container; they override the pod's.</summary>
public sealed class SecurityContext
{
    /// <summary>Whether a process can gain more privileges than its parent.</summary>
    public bool? AllowPrivilegeEscalation { get; set; }

    /// <summary>AppArmor options of the container.</summary>
    public AppArmorProfile? AppArmorProfile { get; set; }

    /// <summary>Capabilities added to or dropped from the container runtime's default set.</summary>
    public Capabilities? Capabilities { get; set; }

    /// <summary>Whether the container runs privileged, equivalent to root on the host.</summary>
    public bool? Privileged { get; set; }

    /// <summary><c>Default</c> or <c>Unmasked</c>: the proc mount type.</summary>
    public string? ProcMount { get; set; }

    /// <summary>Whether the container's root filesystem is read-only.</summary>
    public bool? ReadOnlyRootFilesystem { get; set; }

    /// <summary>GID the container's process runs as.</summary>
    public long? RunAsGroup { get; set; }

    /// <summary>Whether the container must run as a non-root user.</summary>
    public bool? RunAsNonRoot { get; set; }

    /// <summary>UID the container's process runs as.</summary>
    public long? RunAsUser { get; set; }

    /// <summary>SELinux context of the container.</summary>
    public SELinuxOptions? SeLinuxOptions { get; set; }

    /// <summary>Seccomp options of the container.</summary>
    public SeccompProfile? SeccompProfile { get; set; }

    /// <summary>Windows-specific settings of the container.</summary>
    public WindowsSecurityContextOptions? WindowsOptions { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
