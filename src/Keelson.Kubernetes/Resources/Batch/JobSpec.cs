using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired behaviour of a <see cref="Job"/>; the alpha <c>managedBy</c> and <c>successPolicy</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class JobSpec
{
    /// <summary>Seconds the job may be active, counted from its start time, before it is failed.</summary>
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>Retries before the job is failed.</summary>
    public int? BackoffLimit { get; set; }

    /// <summary>Retries of each index before that index is failed (Indexed jobs).</summary>
    public int? BackoffLimitPerIndex { get; set; }

    /// <summary><c>NonIndexed</c> or <c>Indexed</c>.</summary>
    public string? CompletionMode { get; set; }

    /// <summary>Successful pods needed; any single success when absent.</summary>
    public int? Completions { get; set; }

    /// <summary>Whether the selector is chosen by the user rather than generated.</summary>
    public bool? ManualSelector { get; set; }

    /// <summary>Failed indexes after which the whole job is failed (Indexed jobs).</summary>
    public int? MaxFailedIndexes { get; set; }

    /// <summary>Most pods running at any time.</summary>
    public int? Parallelism { get; set; }

    /// <summary>How pod failures count towards the backoff limit.</summary>
    public PodFailurePolicy? PodFailurePolicy { get; set; }

    /// <summary><c>TerminatingOrFailed</c> or <c>Failed</c>: when replacement pods are created.</summary>
    public string? PodReplacementPolicy { get; set; }

    /// <summary>Selects the job's pods; usually generated.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Whether the job's pods are deleted and no new ones created.</summary>
    public bool? Suspend { get; set; }

    /// <summary>The pods the job creates.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary>Seconds after finishing after which the job is deleted.</summary>
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
