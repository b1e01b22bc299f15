using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>What <c>kube.cordon</c> and <c>kube.uncordon</c> share: set a node's <c>spec.unschedulable</c>.</summary>
public abstract class NodeSchedulingExecutor(ClusterClients clusters, bool unschedulable) : FlowExecutor
{
    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("cluster", FlowValueType.String, "the registered cluster"),
        ExecutorInput.Require("node", FlowValueType.String, "the node's name"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (cluster, name) = (context.Inputs.String("cluster"), context.Inputs.String("node"));
        var nodes = (await clusters.GetAsync(cluster, cancellationToken)).Resource<Node>();
        var node = await nodes.GetOrNullAsync(name, cancellationToken)
            ?? throw new FlowTaskException(FlowErrorKind.NotFound, $"node \"{name}\" does not exist on cluster {cluster}");
        if ((node.Spec?.Unschedulable ?? false) == unschedulable && !context.State.ContainsKey("changed"))
        {
            return TaskOutcome.Succeeded(new JsonObject { ["changed"] = false });
        }

        context.State["changed"] = true;
        var verb = unschedulable ? FlowActionVerb.Cordon : FlowActionVerb.Uncordon;
        await context.ActAsync(new FlowAction(verb, "Node", cluster, null, [name]), $"{verb.ToString().ToLowerInvariant()}/{name}/{node.Metadata.Uid}", async ct =>
        {
            // Setting a value (rather than toggling) repeats harmlessly; null removes the field, as kubectl uncordon does.
            var patch = new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = unschedulable ? true : null } };
            await nodes.PatchAsync(name, new Patch(PatchType.Merge, KubernetesJson.SerializeToUtf8Bytes(patch)), cancellationToken: ct);
            return null;
        }, cancellationToken);
        return TaskOutcome.Succeeded(new JsonObject { ["changed"] = true });
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (cluster, name) = (context.Inputs.String("cluster"), context.Inputs.String("node"));
        var node = await (await clusters.GetAsync(cluster, cancellationToken)).Resource<Node>().GetOrNullAsync(name, cancellationToken);
        return node is not null && (node.Spec?.Unschedulable ?? false) == unschedulable
            ? []
            : [new PlannedAction(PlannedVerb.Change, cluster, "Node", null, name, unschedulable ? "cordon (unschedulable)" : "uncordon (schedulable)")];
    }
}
