using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="Deployment"/>.</summary>
public sealed class DeploymentSpec
{
    /// <summary>Seconds a new pod must be ready without crashing to count as available.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Whether the deployment is paused.</summary>
    public bool? Paused { get; set; }

    /// <summary>Seconds the rollout may make no progress before it is reported failed.</summary>
    public int? ProgressDeadlineSeconds { get; set; }

    /// <summary>Desired number of pods.</summary>
    public int? Replicas { get; set; }

    /// <summary>Number of old replica sets kept for rollback.</summary>
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Selects the deployment's pods; must match the template's labels.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>How old pods are replaced by new ones.</summary>
    public DeploymentStrategy? Strategy { get; set; }

    /// <summary>The pods the deployment creates.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
