using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>kube.wait</c>: waits for a condition on an object (a Deployment available, a Node ready, a Pod
/// deleted...), looking again every poll interval without holding a worker, until its timeout.
/// </summary>
public sealed class KubeWaitExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "kube.wait";

    /// <inheritdoc />
    public override string Description => "Waits until an object meets a condition: " + ObjectCondition.Accepted + ".";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        .. KubeObjectTarget.Inputs("v1", null),
        ExecutorInput.Require("condition", FlowValueType.String, ObjectCondition.Accepted),
        ExecutorInput.Optional("timeout", FlowValueType.Duration, "how long to wait before failing", "10m"),
        ExecutorInput.Optional("pollInterval", FlowValueType.Duration, "how often to look", "5s"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = KubeObjectTarget.From(context.Inputs);
        var condition = context.Inputs.String("condition");
        if (!ObjectCondition.IsKnown(condition))
        {
            throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"condition\" is \"{condition}\"; use {ObjectCondition.Accepted}");
        }

        var timeout = context.Inputs.OptionalDuration("timeout") ?? TimeSpan.FromMinutes(10);
        var now = context.Time.GetUtcNow();
        context.State["deadline"] ??= (now + timeout).ToUnixTimeMilliseconds();
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(context.State["deadline"]!.GetValue<long>());
        var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
        var (met, observed) = ObjectCondition.Test(condition, await resource.GetOrNullAsync(target.Name, cancellationToken));
        if (met)
        {
            return TaskOutcome.Succeeded(new JsonObject { ["observed"] = observed });
        }

        if (now >= deadline)
        {
            throw new FlowTaskException(FlowErrorKind.Timeout, $"{target.Display} was not {condition} within {Kubernetes.Yaml.GoDuration.Format(timeout)}: {observed}");
        }

        var next = now + (context.Inputs.OptionalDuration("pollInterval") ?? TimeSpan.FromSeconds(5));
        return TaskOutcome.WaitUntil(next < deadline ? next : deadline, $"{target.Display} is not {condition} yet: {observed}");
    }
}
