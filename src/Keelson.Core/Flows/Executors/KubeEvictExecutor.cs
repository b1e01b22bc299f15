using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>kube.evict</c>: evicts one pod through the eviction API (respecting PodDisruptionBudgets). While
/// a budget refuses, the task waits and tries again (without holding a worker) until its timeout.
/// </summary>
public sealed class KubeEvictExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "kube.evict";

    /// <inheritdoc />
    public override string Description => "Evicts one pod, respecting its PodDisruptionBudget (retried while the budget refuses).";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("cluster", FlowValueType.String, "the registered cluster"),
        ExecutorInput.Require("namespace", FlowValueType.String, "the pod's namespace"),
        ExecutorInput.Require("pod", FlowValueType.String, "the pod's name"),
        ExecutorInput.Optional("gracePeriodSeconds", FlowValueType.Integer, "the grace period; the pod's own when absent"),
        ExecutorInput.Optional("pollInterval", FlowValueType.Duration, "how often to try again while a disruption budget refuses", "5s"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (cluster, ns, name) = (context.Inputs.String("cluster"), context.Inputs.String("namespace"), context.Inputs.String("pod"));
        var client = await clusters.GetAsync(cluster, cancellationToken);
        var uid = context.State["uid"]?.GetValue<string>();
        var pod = await client.Resource<Pod>(ns).GetOrNullAsync(name, cancellationToken);
        if (uid is null)
        {
            if (pod is null)
            {
                return TaskOutcome.Succeeded(new JsonObject { ["evicted"] = false });
            }

            uid = pod.Metadata.Uid!;
            context.State["uid"] = uid;
        }

        // The pod the task first saw, even if a new one of the same name exists now: that one is refused by uid.
        var target = pod is not null && pod.Metadata.Uid == uid ? pod : new Pod { Metadata = new ObjectMeta { Namespace = ns, Name = name, Uid = uid } };
        try
        {
            var evicted = await PodEviction.EvictAsync(context, client, cluster, target, context.Inputs.OptionalInteger("gracePeriodSeconds"), cancellationToken);
            return TaskOutcome.Succeeded(new JsonObject { ["evicted"] = evicted, ["uid"] = uid });
        }
        catch (ActionDeferredException e)
        {
            return TaskOutcome.WaitUntil(context.Time.GetUtcNow() + (context.Inputs.OptionalDuration("pollInterval") ?? TimeSpan.FromSeconds(5)), $"the eviction is refused: {e.Message}");
        }
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (cluster, ns, name) = (context.Inputs.String("cluster"), context.Inputs.String("namespace"), context.Inputs.String("pod"));
        var pod = await (await clusters.GetAsync(cluster, cancellationToken)).Resource<Pod>(ns).GetOrNullAsync(name, cancellationToken);
        return pod is null ? [] : [new PlannedAction(PlannedVerb.Evict, cluster, "Pod", ns, name)];
    }
}
