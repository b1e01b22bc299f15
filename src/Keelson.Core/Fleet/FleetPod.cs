using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Fleet;

/// <summary>
/// What the fleet view keeps of a pod: a few hundred bytes instead of the full object. Strings
/// that repeat (namespace, node, app, workload, status) are shared; labels are not kept beyond the app.
/// </summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Node">The node it is bound to; null while unscheduled.</param>
/// <param name="App">The <c>app.kubernetes.io/name</c> label, else the <c>app</c> label; null without either.</param>
/// <param name="WorkloadKind">What controls it (a ReplicaSet a Deployment owns counts as the Deployment); null for a bare pod.</param>
/// <param name="Workload">The name of what controls it.</param>
/// <param name="Phase">The pod's phase.</param>
/// <param name="Status">What <c>kubectl get pods</c> shows as STATUS, e.g. <c>Running</c>, <c>CrashLoopBackOff</c>, <c>Terminating</c>.</param>
/// <param name="Ready">Whether its Ready condition is True.</param>
/// <param name="Restarts">Container restarts, summed.</param>
/// <param name="StartedAt">When the kubelet started it (UTC).</param>
public sealed record FleetPod(
    string Cluster,
    string Namespace,
    string Name,
    string? Node,
    string? App,
    WorkloadKind? WorkloadKind,
    string? Workload,
    PodPhase Phase,
    string Status,
    bool Ready,
    int Restarts,
    DateTime? StartedAt)
{
    /// <summary>The label naming a pod's app, per the Kubernetes recommended labels.</summary>
    public const string AppLabel = "app.kubernetes.io/name";

    /// <summary>The older label naming an app, used when <see cref="AppLabel"/> is absent.</summary>
    public const string LegacyAppLabel = "app";

    /// <summary>The lean form of <paramref name="pod"/>; <paramref name="strings"/> shares repeated strings.</summary>
    internal static FleetPod From(string cluster, Pod pod, StringPool strings)
    {
        var meta = pod.Metadata;
        var status = pod.Status;
        var (kind, workload) = Owner(meta);
        var phase = status?.Phase switch
        {
            "Running" => PodPhase.Running,
            "Succeeded" => PodPhase.Succeeded,
            "Failed" => PodPhase.Failed,
            "Unknown" => PodPhase.Unknown,
            _ => PodPhase.Pending,
        };
        var restarts = 0;
        foreach (var container in status?.ContainerStatuses ?? [])
        {
            restarts += container.RestartCount ?? 0;
        }

        return new FleetPod(
            cluster,
            strings.Intern(meta.Namespace) ?? "",
            meta.Name ?? "",
            strings.Intern(pod.Spec?.NodeName),
            strings.Intern(meta.Label(AppLabel) ?? meta.Label(LegacyAppLabel)),
            kind,
            strings.Intern(workload),
            phase,
            strings.Intern(StatusOf(pod))!,
            status?.Conditions?.Exists(c => c.Type == "Ready" && c.Status == "True") == true,
            restarts,
            status?.StartTime?.UtcDateTime);
    }

    /// <summary>
    /// The controlling owner. A ReplicaSet named after the pod's <c>pod-template-hash</c> belongs to
    /// the Deployment whose name is the rest, as kube's Deployment controller names them.
    /// </summary>
    private static (WorkloadKind? Kind, string? Name) Owner(ObjectMeta meta)
    {
        var owner = meta.OwnerReferences?.Find(o => o.Controller == true);
        if (owner?.Name is not { } name)
        {
            return (null, null);
        }

        switch (owner.Kind)
        {
            case "ReplicaSet":
                return meta.Label("pod-template-hash") is { Length: > 0 } hash && name.Length > hash.Length + 1 &&
                       name.EndsWith(hash, StringComparison.Ordinal) && name[^(hash.Length + 1)] == '-'
                    ? (Fleet.WorkloadKind.Deployment, name[..^(hash.Length + 1)])
                    : (Fleet.WorkloadKind.ReplicaSet, name);
            case "StatefulSet":
                return (Fleet.WorkloadKind.StatefulSet, name);
            case "DaemonSet":
                return (Fleet.WorkloadKind.DaemonSet, name);
            case "Job":
                return (Fleet.WorkloadKind.Job, name);
            default:
                return (null, null);
        }
    }

    /// <summary>The STATUS column of <c>kubectl get pods</c>, by the rules kube-apiserver's pod printer follows.</summary>
    private static string StatusOf(Pod pod)
    {
        var status = pod.Status;
        var reason = status?.Reason is { Length: > 0 } podReason ? podReason : status?.Phase ?? nameof(PodPhase.Pending);
        var initializing = false;
        var inits = status?.InitContainerStatuses ?? [];
        for (var i = 0; i < inits.Count; i++)
        {
            var state = inits[i].State;
            if (state?.Terminated is { ExitCode: 0 or null } || (inits[i].Started == true && IsRestartable(pod, inits[i].Name)))
            {
                continue;
            }

            reason = state?.Terminated is { } terminated ? "Init:" + TerminatedReason(terminated)
                : state?.Waiting?.Reason is { Length: > 0 } waiting && waiting != "PodInitializing" ? "Init:" + waiting
                : $"Init:{i}/{pod.Spec?.InitContainers?.Count ?? inits.Count}";
            initializing = true;
            break;
        }

        if (!initializing || status?.Conditions?.Exists(c => c.Type == "Initialized" && c.Status == "True") == true)
        {
            var running = false;
            var containers = status?.ContainerStatuses ?? [];
            for (var i = containers.Count - 1; i >= 0; i--)
            {
                var state = containers[i].State;
                if (state?.Waiting?.Reason is { Length: > 0 } waiting)
                {
                    reason = waiting;
                }
                else if (state?.Terminated is { } terminated)
                {
                    reason = TerminatedReason(terminated);
                }
                else if (containers[i].Ready == true && state?.Running is not null)
                {
                    running = true;
                }
            }

            if (reason == "Completed" && running)
            {
                reason = status?.Conditions?.Exists(c => c.Type == "Ready" && c.Status == "True") == true ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            reason = status?.Reason == "NodeLost" ? "Unknown" : "Terminating";
        }

        return reason;
    }

    private static string TerminatedReason(ContainerStateTerminated terminated) =>
        terminated.Reason is { Length: > 0 } reason ? reason
        : terminated.Signal is { } signal and not 0 ? $"Signal:{signal}"
        : $"ExitCode:{terminated.ExitCode ?? 0}";

    private static bool IsRestartable(Pod pod, string? container) =>
        pod.Spec?.InitContainers?.Exists(c => c.Name == container && c.RestartPolicy == "Always") == true;
}
