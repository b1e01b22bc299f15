using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="Job"/>.</summary>
public sealed class JobStatus
{
    /// <summary>Pending and running pods.</summary>
    public int? Active { get; set; }

    /// <summary>Completed indexes in text form, e.g. <c>1,3-5,7</c>.</summary>
    public string? CompletedIndexes { get; set; }

    /// <summary>When the job completed.</summary>
    public DateTimeOffset? CompletionTime { get; set; }

    /// <summary>Complete, Failed, Suspended and others.</summary>
    public List<JobCondition>? Conditions { get; set; }

    /// <summary>Pods that failed.</summary>
    public int? Failed { get; set; }

    /// <summary>Failed indexes in text form (with <c>backoffLimitPerIndex</c>).</summary>
    public string? FailedIndexes { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? Ready { get; set; }

    /// <summary>When the job controller started processing the job.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Pods that succeeded.</summary>
    public int? Succeeded { get; set; }

    /// <summary>Pods that are terminating.</summary>
    public int? Terminating { get; set; }

    /// <summary>UIDs of finished pods not yet counted in the status.</summary>
    public UncountedTerminatedPods? UncountedTerminatedPods { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
