using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary><c>kube.scale</c>: sets a workload's replicas through its scale subresource.</summary>
public sealed class KubeScaleExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "kube.scale";

    /// <inheritdoc />
    public override string Description => "Sets the replicas of a Deployment, StatefulSet or ReplicaSet.";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        .. KubeObjectTarget.Inputs("apps/v1", "Deployment"),
        ExecutorInput.Require("replicas", FlowValueType.Integer, "the number of replicas wanted"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var replicas = context.Inputs.Integer("replicas");
        if (replicas < 0)
        {
            throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"replicas\" must be zero or more, not {replicas}");
        }

        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
        var previous = context.State["previousReplicas"]?.GetValue<int>() ?? (await resource.GetScaleAsync(target.Name, cancellationToken)).Spec?.Replicas ?? 0;
        context.State["previousReplicas"] = previous;
        if (previous != replicas)
        {
            var action = new FlowAction(FlowActionVerb.Scale, target.Kind, target.Cluster, target.Namespace, [target.Name])
            {
                Details = new JsonObject { ["replicas"] = replicas, ["previousReplicas"] = previous },
            };
            await context.ActAsync(action, $"scale/{target.Kind}/{target.Namespace}/{target.Name}/{replicas}", async ct =>
            {
                // An absolute count: sending it again after a crash changes nothing.
                await resource.ScaleAsync(target.Name, replicas, ct);
                return null;
            }, cancellationToken);
        }

        return TaskOutcome.Succeeded(new JsonObject { ["previousReplicas"] = previous, ["replicas"] = replicas });
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var replicas = context.Inputs.Integer("replicas");
        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
        var current = (await resource.GetScaleAsync(target.Name, cancellationToken)).Spec?.Replicas ?? 0;
        return current == replicas ? [] : [new PlannedAction(PlannedVerb.Change, target.Cluster, target.Kind, target.Namespace, target.Name, $"replicas {current} → {replicas}")];
    }
}
