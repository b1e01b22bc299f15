using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Fleet;

/// <summary>What the fleet view keeps of a Deployment, StatefulSet or DaemonSet.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The workload's name.</param>
/// <param name="Kind">Deployment, StatefulSet or DaemonSet.</param>
/// <param name="App">Its pods' app (<c>app.kubernetes.io/name</c>, else <c>app</c>, of the pod template).</param>
/// <param name="Desired">Pods wanted (replicas; for a DaemonSet, the nodes it should run on).</param>
/// <param name="Ready">Pods ready.</param>
/// <param name="Updated">Pods at the current template.</param>
/// <param name="Available">Pods available (ready for at least minReadySeconds).</param>
/// <param name="Images">The images of the pod template's containers.</param>
/// <param name="Problem">What its controller reports as wrong (e.g. <c>ProgressDeadlineExceeded: ...</c>); null when nothing is.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record FleetWorkload(
    string Cluster,
    string Namespace,
    string Name,
    WorkloadKind Kind,
    string? App,
    int Desired,
    int Ready,
    int Updated,
    int Available,
    IReadOnlyList<string> Images,
    string? Problem,
    DateTime? CreatedAt)
{
    /// <summary>Whether fewer pods are available than desired.</summary>
    public bool NotAvailable => Available < Desired;

    /// <summary>The key pods of this workload are indexed under.</summary>
    internal static string KeyOf(WorkloadKind kind, string @namespace, string name) => $"{kind}/{@namespace}/{name}";

    internal static FleetWorkload From(string cluster, Deployment deployment, StringPool strings)
    {
        var status = deployment.Status;
        var problem = status?.Conditions?.Find(c => (c.Type == "Progressing" && c.Status == "False") || (c.Type == "ReplicaFailure" && c.Status == "True"));
        return Create(cluster, deployment, WorkloadKind.Deployment, deployment.Spec?.Template, strings,
            deployment.Spec?.Replicas ?? 1, status?.ReadyReplicas, status?.UpdatedReplicas, status?.AvailableReplicas,
            problem is null ? null : $"{problem.Reason}: {problem.Message}");
    }

    internal static FleetWorkload From(string cluster, StatefulSet statefulSet, StringPool strings)
    {
        var status = statefulSet.Status;
        return Create(cluster, statefulSet, WorkloadKind.StatefulSet, statefulSet.Spec?.Template, strings,
            statefulSet.Spec?.Replicas ?? 1, status?.ReadyReplicas, status?.UpdatedReplicas, status?.AvailableReplicas, null);
    }

    internal static FleetWorkload From(string cluster, DaemonSet daemonSet, StringPool strings)
    {
        var status = daemonSet.Status;
        return Create(cluster, daemonSet, WorkloadKind.DaemonSet, daemonSet.Spec?.Template, strings,
            status?.DesiredNumberScheduled ?? 0, status?.NumberReady, status?.UpdatedNumberScheduled, status?.NumberAvailable, null);
    }

    private static FleetWorkload Create(
        string cluster, KubernetesObject obj, WorkloadKind kind, PodTemplateSpec? template, StringPool strings,
        int desired, int? ready, int? updated, int? available, string? problem)
    {
        var labels = template?.Metadata;
        return new FleetWorkload(
            cluster,
            strings.Intern(obj.Metadata.Namespace) ?? "",
            strings.Intern(obj.Metadata.Name) ?? "",
            kind,
            strings.Intern(labels?.Label(FleetPod.AppLabel) ?? labels?.Label(FleetPod.LegacyAppLabel)),
            desired,
            ready ?? 0,
            updated ?? 0,
            available ?? 0,
            [.. (template?.Spec?.Containers ?? []).Select(c => strings.Intern(c.Image) ?? "")],
            problem,
            obj.Metadata.CreationTimestamp?.UtcDateTime);
    }
}
