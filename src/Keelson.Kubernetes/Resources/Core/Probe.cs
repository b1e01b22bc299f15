using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A health check of a container.</summary>
public sealed class Probe
{
    /// <summary>Runs a command in the container.</summary>
    public ExecAction? Exec { get; set; }

    /// <summary>Consecutive failures after which the probe has failed.</summary>
    public int? FailureThreshold { get; set; }

    /// <summary>Calls the gRPC health-checking protocol.</summary>
    public GrpcAction? Grpc { get; set; }

    /// <summary>Sends an HTTP GET request.</summary>
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>Seconds after the container started before the first probe.</summary>
    public int? InitialDelaySeconds { get; set; }

    /// <summary>Seconds between probes.</summary>
    public int? PeriodSeconds { get; set; }

    /// <summary>Consecutive successes after a failure for the probe to succeed.</summary>
    public int? SuccessThreshold { get; set; }

    /// <summary>Opens a TCP connection.</summary>
    public TcpSocketAction? TcpSocket { get; set; }

    /// <summary>Grace period when a failed probe kills the container; overrides the pod's.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Seconds after which a probe times out.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
