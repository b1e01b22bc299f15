namespace Keelson.Kubernetes.Resources;

/// <summary>The scale subresource of a workload (autoscaling/v1 Scale).</summary>
public sealed class Scale : KubernetesObject
{
    /// <summary>The desired scale.</summary>
    public ScaleSpec? Spec { get; set; }

    /// <summary>The current scale.</summary>
    public ScaleStatus? Status { get; set; }
}
