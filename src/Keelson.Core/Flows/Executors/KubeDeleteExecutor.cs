using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>kube.delete</c>: deletes one object, with its uid as a precondition so a retry after a crash can
/// never delete a newer object of the same name.
/// </summary>
public sealed class KubeDeleteExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "kube.delete";

    /// <inheritdoc />
    public override string Description => "Deletes one object (the one that exists when the task starts, by uid).";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        .. KubeObjectTarget.Inputs("v1", null),
        ExecutorInput.Optional("propagationPolicy", FlowValueType.String, "Background, Foreground or Orphan", "Background"),
        ExecutorInput.Optional("gracePeriodSeconds", FlowValueType.Integer, "the grace period for pods; the object's own when absent"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);

        // The uid of the object as first seen is kept, so a later step (or a restart) deletes that object or nothing.
        var uid = context.State["uid"]?.GetValue<string>();
        if (uid is null)
        {
            var current = await resource.GetOrNullAsync(target.Name, cancellationToken);
            if (current is null)
            {
                return TaskOutcome.Succeeded(new JsonObject { ["deleted"] = false });
            }

            uid = current.Metadata.Uid!;
            context.State["uid"] = uid;
        }

        var options = new DeleteOptions
        {
            Preconditions = new Preconditions { Uid = uid },
            PropagationPolicy = context.Inputs.OptionalString("propagationPolicy") ?? "Background",
            GracePeriodSeconds = context.Inputs.OptionalInteger("gracePeriodSeconds"),
        };
        var action = new FlowAction(FlowActionVerb.Delete, target.Kind, target.Cluster, target.Namespace, [target.Name]);
        var result = await context.ActAsync(action, $"delete/{target.Kind}/{target.Namespace}/{target.Name}/{uid}", async ct =>
        {
            try
            {
                await resource.DeleteAsync(target.Name, options, ct);
                return JsonValue.Create(true);
            }
            catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
            {
                // Gone already, or replaced by a newer object that is not ours to delete.
                return JsonValue.Create(false);
            }
        }, cancellationToken);
        return TaskOutcome.Succeeded(new JsonObject { ["deleted"] = result?.GetValue<bool>() ?? false, ["uid"] = uid });
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
        return await resource.GetOrNullAsync(target.Name, cancellationToken) is null
            ? []
            : [new PlannedAction(PlannedVerb.Delete, target.Cluster, target.Kind, target.Namespace, target.Name)];
    }
}
