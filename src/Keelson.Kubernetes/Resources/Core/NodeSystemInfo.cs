using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Versions and IDs a node reports about itself.</summary>
public sealed class NodeSystemInfo
{
    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    public string? Architecture { get; set; }

    /// <summary>Changes on every reboot.</summary>
    public string? BootID { get; set; }

    /// <summary>Container runtime and version, e.g. <c>containerd://1.7.13</c>.</summary>
    public string? ContainerRuntimeVersion { get; set; }

    /// <summary>Kernel version from <c>uname -r</c>.</summary>
    public string? KernelVersion { get; set; }

    /// <summary>Deprecated: version of kube-proxy.</summary>
    public string? KubeProxyVersion { get; set; }

    /// <summary>Version of the kubelet.</summary>
    public string? KubeletVersion { get; set; }

    /// <summary>The machine's ID from <c>/etc/machine-id</c>.</summary>
    public string? MachineID { get; set; }

    /// <summary><c>linux</c> or <c>windows</c>.</summary>
    public string? OperatingSystem { get; set; }

    /// <summary>Operating system image, e.g. <c>Ubuntu 22.04.4 LTS</c>.</summary>
    public string? OsImage { get; set; }

    /// <summary>The system's UUID from the firmware.</summary>
    [JsonPropertyName("systemUUID")]
    public string? SystemUuid { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
