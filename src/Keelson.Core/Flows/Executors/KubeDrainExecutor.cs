using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>kube.drain</c>: evicts every pod from a node as <c>kubectl drain --ignore-daemonsets</c> does —
/// through the eviction API, so PodDisruptionBudgets are respected (a refused eviction is tried again
/// at the next look), DaemonSet and mirror pods left in place — and waits until the evicted pods are
/// gone, up to its timeout. Between looks it holds no worker. Cordon the node first (<c>kube.cordon</c>),
/// or evicted pods may be scheduled back onto it.
/// </summary>
public sealed class KubeDrainExecutor(ClusterClients clusters) : FlowExecutor
{
    private const string MirrorAnnotation = "kubernetes.io/config.mirror";

    /// <inheritdoc />
    public override string Name => "kube.drain";

    /// <inheritdoc />
    public override string Description => "Evicts all pods from a node (PDBs respected, DaemonSet pods left) and waits until they are gone.";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("cluster", FlowValueType.String, "the registered cluster"),
        ExecutorInput.Require("node", FlowValueType.String, "the node to drain"),
        ExecutorInput.Optional("timeout", FlowValueType.Duration, "how long the drain may take before it fails, naming the pods left", "15m"),
        ExecutorInput.Optional("gracePeriodSeconds", FlowValueType.Integer, "the grace period for each pod; the pod's own when absent"),
        ExecutorInput.Optional("force", FlowValueType.Boolean, "also evict pods no controller manages (they are not recreated elsewhere)", false),
        ExecutorInput.Optional("deleteEmptyDirData", FlowValueType.Boolean, "also evict pods with emptyDir volumes (their data is lost)", false),
        ExecutorInput.Optional("pollInterval", FlowValueType.Duration, "how often to look again while pods remain", "5s"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (cluster, node) = (context.Inputs.String("cluster"), context.Inputs.String("node"));
        var now = context.Time.GetUtcNow();
        if (context.State["deadline"] is null)
        {
            context.State["deadline"] = (now + (context.Inputs.OptionalDuration("timeout") ?? TimeSpan.FromMinutes(15))).ToUnixTimeMilliseconds();
        }

        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(context.State["deadline"]!.GetValue<long>());
        var client = await clusters.GetAsync(cluster, cancellationToken);
        var (evictable, daemonSetPods) = await PodsAsync(client, node, context.Inputs, cancellationToken);
        var evicted = context.State["evicted"] as JsonArray ?? [];
        context.State["evicted"] = evicted;
        var refused = new List<string>();
        foreach (var pod in evictable.Where(p => p.Metadata.DeletionTimestamp is null))
        {
            try
            {
                if (await PodEviction.EvictAsync(context, client, cluster, pod, context.Inputs.OptionalInteger("gracePeriodSeconds"), cancellationToken)
                    && !evicted.Any(e => e?.GetValue<string>() == pod.Key))
                {
                    evicted.Add(pod.Key);
                }
            }
            catch (ActionDeferredException e)
            {
                refused.Add(e.Message);
            }
        }

        // Evicted pods stop gracefully; the drain ends when none is left on the node.
        var (left, _) = await PodsAsync(client, node, context.Inputs, cancellationToken);
        if (left.Count == 0)
        {
            return TaskOutcome.Succeeded(new JsonObject
            {
                ["evicted"] = evicted.Count,
                ["pods"] = evicted.DeepClone(),
                ["daemonSetPods"] = daemonSetPods,
            });
        }

        var remaining = $"{left.Count} pod(s) remain on node {node}: {string.Join(", ", left.Take(10).Select(p => p.Key))}{(left.Count > 10 ? ", ..." : "")}" +
            (refused.Count > 0 ? $"; evictions refused: {string.Join("; ", refused.Take(5))}" : "");
        if (context.Time.GetUtcNow() >= deadline)
        {
            throw new FlowTaskException(FlowErrorKind.Timeout, $"drain of node {node} on cluster {cluster} did not finish within {Kubernetes.Yaml.GoDuration.Format(context.Inputs.OptionalDuration("timeout") ?? TimeSpan.FromMinutes(15))}: {remaining}. " +
                "Check the pods' disruption budgets and whether they can be scheduled elsewhere, then retry the task");
        }

        var next = now + (context.Inputs.OptionalDuration("pollInterval") ?? TimeSpan.FromSeconds(5));
        return TaskOutcome.WaitUntil(next < deadline ? next : deadline, remaining);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (cluster, node) = (context.Inputs.String("cluster"), context.Inputs.String("node"));
        var (evictable, _) = await PodsAsync(await clusters.GetAsync(cluster, cancellationToken), node, context.Inputs, cancellationToken);
        return [.. evictable.Select(p => new PlannedAction(PlannedVerb.Evict, cluster, "Pod", p.Metadata.Namespace, p.Metadata.Name!, $"from node {node}"))];
    }

    /// <summary>The pods on the node a drain must remove, and how many DaemonSet pods it leaves; refuses (as kubectl does) pods it may not evict.</summary>
    private static async Task<(List<Pod> Evictable, int DaemonSetPods)> PodsAsync(KubernetesClient client, string node, TaskInputs inputs, CancellationToken cancellationToken)
    {
        var pods = await client.Resource<Pod>().ListAllAsync(new ListOptions { FieldSelector = $"spec.nodeName={node}" }, cancellationToken: cancellationToken);
        var evictable = new List<Pod>();
        var unmanaged = new List<string>();
        var localData = new List<string>();
        var daemonSetPods = 0;
        foreach (var pod in pods.Items)
        {
            var controller = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
            var finished = pod.Status?.Phase is "Succeeded" or "Failed";
            if (pod.Metadata.Annotation(MirrorAnnotation) is not null)
            {
                continue;
            }

            if (controller?.Kind == "DaemonSet" && !finished)
            {
                daemonSetPods++;
                continue;
            }

            if (controller is null && !finished && !inputs.Boolean("force"))
            {
                unmanaged.Add(pod.Key);
            }

            if (!finished && pod.Spec?.Volumes?.Any(v => v.EmptyDir is not null) == true && !inputs.Boolean("deleteEmptyDirData"))
            {
                localData.Add(pod.Key);
            }

            evictable.Add(pod);
        }

        if (unmanaged.Count > 0 || localData.Count > 0)
        {
            var problems = new List<string>();
            if (unmanaged.Count > 0)
            {
                problems.Add($"pods not managed by a controller would not come back elsewhere: {string.Join(", ", unmanaged)} (set force: true to evict them anyway)");
            }

            if (localData.Count > 0)
            {
                problems.Add($"pods with emptyDir volumes would lose that data: {string.Join(", ", localData)} (set deleteEmptyDirData: true to evict them anyway)");
            }

            throw new FlowTaskException(FlowErrorKind.Invalid, $"cannot drain node {node}: {string.Join("; ", problems)}");
        }

        return (evictable, daemonSetPods);
    }
}
