namespace Keelson.Kubernetes.Resources;

/// <summary>Binds a pod to a node (core/v1 Binding); posted to <c>pods/binding</c> by schedulers.</summary>
public sealed class Binding : KubernetesObject
{
    /// <summary>The node the pod is bound to.</summary>
    public ObjectReference? Target { get; set; }
}
