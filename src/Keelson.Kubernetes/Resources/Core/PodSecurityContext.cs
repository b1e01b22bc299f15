using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Security attributes of a pod and defaults for its containers.</summary>
public sealed class PodSecurityContext
{
    /// <summary>AppArmor options of the containers.</summary>
    public AppArmorProfile? AppArmorProfile { get; set; }

    /// <summary>Supplemental group that owns the pod's volumes.</summary>
    public long? FsGroup { get; set; }

    /// <summary><c>OnRootMismatch</c> or <c>Always</c>: when volume ownership is changed.</summary>
    public string? FsGroupChangePolicy { get; set; }

    /// <summary>GID the containers' processes run as.</summary>
    public long? RunAsGroup { get; set; }

    /// <summary>Whether containers must run as a non-root user.</summary>
    public bool? RunAsNonRoot { get; set; }

    /// <summary>UID the containers' processes run as.</summary>
    public long? RunAsUser { get; set; }

    /// <summary>SELinux context applied to all containers.</summary>
    public SELinuxOptions? SeLinuxOptions { get; set; }

    /// <summary>Seccomp options of the containers.</summary>
    public SeccompProfile? SeccompProfile { get; set; }

    /// <summary>Groups added to the first process of each container.</summary>
    public List<long>? SupplementalGroups { get; set; }

    /// <summary>Namespaced sysctls set for the pod.</summary>
    public List<Sysctl>? Sysctls { get; set; }

    /// <summary>Windows-specific settings of all containers.</summary>
    public WindowsSecurityContextOptions? WindowsOptions { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
