using System.Text.Json.Nodes;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// Fills in the defaults kube-apiserver 1.30 applies when it stores an object, so that <c>kubectl get -o yaml</c>
/// of an object created in the simulator shows what a real cluster shows: the <c>SetDefaults_*</c> functions of
/// <c>pkg/apis/*/v1</c>, the fields the v1 conversion derives, the Go zero values kubectl prints (<c>resources: {}</c>,
/// <c>creationTimestamp: null</c>), and on create the status the strategies reset and what the default
/// admission plugins add to pods.
/// </summary>
/// <remarks>
/// Metadata the store owns (uid, resourceVersion, creationTimestamp, generation, name from generateName) is not
/// touched. Jobs need <c>metadata.name</c> and <c>metadata.uid</c> assigned before a create is defaulted;
/// services need their cluster IP allocated first. Resource quantities are not re-canonicalized.
/// </remarks>
public static class Defaulter
{
    private static readonly Dictionary<(string Group, string Kind), IKindDefaulter> Defaulters = new()
    {
        [("", "Pod")] = new PodDefaulter(),
        [("", "Service")] = new ServiceDefaulter(),
        [("", "Namespace")] = new NamespaceDefaulter(),
        [("", "Secret")] = new SecretDefaulter(),
        [("", "Endpoints")] = new EndpointsDefaulter(),
        [("", "Node")] = new NodeDefaulter(),
        [("", "Event")] = EventDefaulter.Core,
        [("events.k8s.io", "Event")] = EventDefaulter.EventsApi,
        [("apps", "Deployment")] = new DeploymentDefaulter(),
        [("apps", "ReplicaSet")] = new ReplicaSetDefaulter(),
        [("apps", "StatefulSet")] = new StatefulSetDefaulter(),
        [("apps", "DaemonSet")] = new DaemonSetDefaulter(),
        [("apps", "ControllerRevision")] = new ControllerRevisionDefaulter(),
        [("batch", "Job")] = new JobDefaulter(),
        [("coordination.k8s.io", "Lease")] = new LeaseDefaulter(),
        [("policy", "PodDisruptionBudget")] = new PodDisruptionBudgetDefaulter(),
    };

    /// <summary>
    /// Applies the defaults of <paramref name="kind"/> to <paramref name="obj"/> in place. Kinds without defaults
    /// (ConfigMap, ServiceAccount, unknown kinds) are left as they are.
    /// </summary>
    /// <param name="apiVersion">The object's API version, e.g. <c>apps/v1</c>.</param>
    /// <param name="kind">The object's kind, e.g. <c>Deployment</c>.</param>
    /// <param name="obj">The object being written, after decoding and before validation.</param>
    /// <param name="operation">Whether the write creates the object; create-only defaults are skipped on update.</param>
    /// <exception cref="ArgumentException">A Job is created without <c>metadata.name</c> or <c>metadata.uid</c>.</exception>
    public static void Apply(string apiVersion, string kind, JsonObject obj, DefaultingOperation operation)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(obj);

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        if (Defaulters.TryGetValue((group, kind), out var defaulter))
        {
            defaulter.Apply(obj, operation);
        }
    }
}
