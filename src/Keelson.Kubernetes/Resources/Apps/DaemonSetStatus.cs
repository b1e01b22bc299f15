using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="DaemonSet"/>.</summary>
public sealed class DaemonSetStatus
{
    /// <summary>Count of hash collisions, used to name the newest revision.</summary>
    public int? CollisionCount { get; set; }

    /// <summary>The daemon set's conditions.</summary>
    public List<DaemonSetCondition>? Conditions { get; set; }

    /// <summary>Nodes running at least one daemon pod that should.</summary>
    public int? CurrentNumberScheduled { get; set; }

    /// <summary>Nodes that should run the daemon pod.</summary>
    public int? DesiredNumberScheduled { get; set; }

    /// <summary>Nodes whose daemon pod is available.</summary>
    public int? NumberAvailable { get; set; }

    /// <summary>Nodes running the daemon pod that should not.</summary>
    public int? NumberMisscheduled { get; set; }

    /// <summary>Nodes whose daemon pod is ready.</summary>
    public int? NumberReady { get; set; }

    /// <summary>Nodes that should run an available daemon pod but do not.</summary>
    public int? NumberUnavailable { get; set; }

    /// <summary>The generation the controller last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Nodes running the updated daemon pod.</summary>
    public int? UpdatedNumberScheduled { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
