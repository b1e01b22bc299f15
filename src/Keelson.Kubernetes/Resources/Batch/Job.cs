namespace Keelson.Kubernetes.Resources;

/// <summary>Runs pods to completion (batch/v1 Job).</summary>
public sealed class Job : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>jobs</c> in <c>batch/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("batch", "v1", "Job", "jobs", Namespaced: true);

    /// <summary>The desired behaviour of the job.</summary>
    public JobSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the job.</summary>
    public JobStatus? Status { get; set; }
}
