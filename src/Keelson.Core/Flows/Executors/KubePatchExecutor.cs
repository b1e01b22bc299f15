using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary><c>kube.patch</c>: changes one object with a merge, strategic merge or JSON patch.</summary>
/// <remarks>
/// A patch whose result was lost in a crash is sent again, so prefer merge and strategic patches,
/// which set fields and repeat harmlessly (a rolling restart sets an annotation to the run's time);
/// a JSON patch that adds to a list should start with a <c>test</c> operation.
/// </remarks>
public sealed class KubePatchExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "kube.patch";

    /// <inheritdoc />
    public override string Description => "Patches one object (merge, strategic merge or JSON patch).";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        .. KubeObjectTarget.Inputs("v1", null),
        ExecutorInput.Require("patch", FlowValueType.Any, "the patch: a mapping (merge, strategic) or a list of operations (json)"),
        ExecutorInput.Optional("type", FlowValueType.String, "merge, strategic or json", "merge"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var patch = Patch(context.Inputs);
        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
        var current = await resource.GetOrNullAsync(target.Name, cancellationToken)
            ?? throw new FlowTaskException(FlowErrorKind.NotFound, $"{target.Display} does not exist, so it cannot be patched");
        var action = new FlowAction(FlowActionVerb.Patch, target.Kind, target.Cluster, target.Namespace, [target.Name]);
        var result = await context.ActAsync(action, $"patch/{target.Kind}/{target.Namespace}/{target.Name}/{current.Metadata.Uid}", async ct =>
        {
            var patched = await resource.PatchAsync(target.Name, patch, cancellationToken: ct);
            return new JsonObject
            {
                ["uid"] = patched.Metadata.Uid,
                ["resourceVersion"] = patched.Metadata.ResourceVersion,
                ["generation"] = patched.Metadata.Generation,
            };
        }, cancellationToken);
        return TaskOutcome.Succeeded(result!.AsObject().DeepClone().AsObject());
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
        var exists = await resource.GetOrNullAsync(target.Name, cancellationToken) is not null;
        return [new PlannedAction(PlannedVerb.Change, target.Cluster, target.Kind, target.Namespace, target.Name, exists ? null : "it does not exist now: the patch would fail")];
    }

    private static Patch Patch(TaskInputs inputs)
    {
        var body = inputs.Node("patch");
        return inputs.OptionalString("type") switch
        {
            "merge" or null when body is JsonObject => new Patch(PatchType.Merge, KubernetesJson.SerializeToUtf8Bytes(body)),
            "strategic" when body is JsonObject => new Patch(PatchType.StrategicMerge, KubernetesJson.SerializeToUtf8Bytes(body)),
            "json" when body is JsonArray => new Patch(PatchType.Json, KubernetesJson.SerializeToUtf8Bytes(body)),
            "merge" or "strategic" or null => throw new FlowTaskException(FlowErrorKind.Invalid, "input \"patch\" must be a mapping for a merge or strategic patch"),
            "json" => throw new FlowTaskException(FlowErrorKind.Invalid, "input \"patch\" must be a list of operations for a JSON patch"),
            var other => throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"type\" is \"{other}\"; use merge, strategic or json"),
        };
    }
}
