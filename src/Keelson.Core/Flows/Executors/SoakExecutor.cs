using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>soak</c>: lets a change settle for a while and, when an object and a condition are given, fails
/// as soon as the condition stops holding (e.g. a Deployment no longer available during the soak).
/// </summary>
public sealed class SoakExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "soak";

    /// <inheritdoc />
    public override string Description => "Waits for a duration while a condition on an object keeps holding; fails early when it breaks.";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("duration", FlowValueType.Duration, "how long the soak lasts, e.g. 10m"),
        ExecutorInput.Optional("cluster", FlowValueType.String, "the cluster of the object watched"),
        ExecutorInput.Optional("apiVersion", FlowValueType.String, "the watched object's API version", "v1"),
        ExecutorInput.Optional("kind", FlowValueType.String, "the watched object's kind"),
        ExecutorInput.Optional("namespace", FlowValueType.String, "the watched object's namespace"),
        ExecutorInput.Optional("name", FlowValueType.String, "the watched object's name"),
        ExecutorInput.Optional("condition", FlowValueType.String, "what must keep holding: " + ObjectCondition.Accepted),
        ExecutorInput.Optional("pollInterval", FlowValueType.Duration, "how often the condition is checked", "10s"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Time.GetUtcNow();
        context.State["until"] ??= (now + context.Inputs.Duration("duration")).ToUnixTimeMilliseconds();
        var until = DateTimeOffset.FromUnixTimeMilliseconds(context.State["until"]!.GetValue<long>());
        var observed = "";
        if (context.Inputs.OptionalString("condition") is { } condition)
        {
            if (!ObjectCondition.IsKnown(condition))
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"condition\" is \"{condition}\"; use {ObjectCondition.Accepted}");
            }

            var target = KubeObjectTarget.From(context.Inputs);
            var (_, resource) = await target.ResolveAsync(clusters, cancellationToken);
            (var met, observed) = ObjectCondition.Test(condition, await resource.GetOrNullAsync(target.Name, cancellationToken));
            if (!met)
            {
                throw new FlowTaskException(FlowErrorKind.Failed, $"the soak broke: {target.Display} is no longer {condition}: {observed}");
            }
        }

        if (now >= until)
        {
            return TaskOutcome.Succeeded(new JsonObject { ["observed"] = observed });
        }

        var next = now + (context.Inputs.OptionalDuration("pollInterval") ?? TimeSpan.FromSeconds(10));
        return TaskOutcome.WaitUntil(next < until ? next : until, $"soaking until {until:O}{(observed.Length > 0 ? $"; {observed}" : "")}");
    }
}
