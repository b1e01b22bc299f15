using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One lifecycle action.</summary>
public sealed class LifecycleHandler
{
    /// <summary>Runs a command in the container.</summary>
    public ExecAction? Exec { get; set; }

    /// <summary>Sends an HTTP GET request.</summary>
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>Sleeps for a while.</summary>
    public SleepAction? Sleep { get; set; }

    /// <summary>Deprecated: opens a TCP connection.</summary>
    public TcpSocketAction? TcpSocket { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
