using System.Text.Json.Nodes;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Executors;

namespace Keelson.Core.Tests.Flows;

/// <summary>
/// <c>test.step</c>: records each call, fails its first <c>failTimes</c> calls in a run (over every attempt and re-run) with <c>failKind</c>,
/// waits once for <c>waitFor</c> when given, and returns its <c>value</c> as output.
/// </summary>
internal sealed class TestStepExecutor(StepLog log) : FlowExecutor
{
    public override string Name => "test.step";

    public override string Description => "A step that records its calls (tests only).";

    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Optional("value", FlowValueType.Any, "echoed as outputs.value"),
        ExecutorInput.Optional("failTimes", FlowValueType.Integer, "how many attempts fail", 0),
        ExecutorInput.Optional("failKind", FlowValueType.String, "how they fail", "transient"),
        ExecutorInput.Optional("waitFor", FlowValueType.Duration, "wait this long once before succeeding"),
        ExecutorInput.Optional("cluster", FlowValueType.String, "the cluster, for the scheduler's limits"),
    ];

    public override Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        log.Record(context.RunId, context.TaskKey);
        if (log.Calls(context.RunId, context.TaskKey) <= context.Inputs.Integer("failTimes"))
        {
            var kind = Enum.Parse<FlowErrorKind>(context.Inputs.String("failKind"), ignoreCase: true);
            throw new FlowTaskException(kind, $"attempt {context.Attempt} of {context.TaskKey} failed on purpose");
        }

        if (context.Inputs.OptionalDuration("waitFor") is { } wait && context.State["waited"] is null)
        {
            context.State["waited"] = true;
            return Task.FromResult(TaskOutcome.WaitUntil(context.Time.GetUtcNow() + wait, $"waiting {wait.TotalMilliseconds} ms"));
        }

        return Task.FromResult(TaskOutcome.Succeeded(new JsonObject { ["value"] = context.Inputs.Node("value")?.DeepClone(), ["attempt"] = context.Attempt }));
    }
}
