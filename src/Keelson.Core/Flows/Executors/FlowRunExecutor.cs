using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>flow.run</c>: runs another flow as one task (started once, however often the task's step runs)
/// and, unless <c>wait: false</c>, waits for it without holding a worker: the task succeeds when the
/// sub-flow's run succeeds and fails when it fails or is cancelled.
/// </summary>
public sealed class FlowRunExecutor(IServiceProvider services) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "flow.run";

    /// <inheritdoc />
    public override string Description => "Runs another flow (a sub-flow) and waits for it.";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("flow", FlowValueType.String, "the flow to run"),
        ExecutorInput.Optional("version", FlowValueType.Integer, "its version; the latest when absent"),
        ExecutorInput.Optional("params", FlowValueType.Object, "its parameters"),
        ExecutorInput.Optional("priority", FlowValueType.Integer, "its priority; the flow's own when absent"),
        ExecutorInput.Optional("wait", FlowValueType.Boolean, "wait for the run to end", true),
        ExecutorInput.Optional("pollInterval", FlowValueType.Duration, "how often to look at the run when it ends on another replica", "5s"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Resolved here: the service needs the executors, which include this one.
        var flows = services.GetRequiredService<FlowService>();
        var request = new FlowRunRequest
        {
            Flow = context.Inputs.String("flow"),
            Version = context.Inputs.OptionalInteger("version"),
            Params = context.Inputs.Object("params")?.DeepClone().AsObject(),
            Priority = context.Inputs.OptionalInteger("priority"),
        };
        long child;
        try
        {
            child = await flows.StartChildAsync(context.RunId, context.IntentKey("run"), context.StartedBy, request, cancellationToken);
        }
        catch (FlowException e)
        {
            throw new FlowTaskException(e.Kind == FlowExceptionKind.NotFound ? FlowErrorKind.NotFound : FlowErrorKind.Invalid, e.Message);
        }

        if (!context.Inputs.Boolean("wait", true))
        {
            return TaskOutcome.Succeeded(new JsonObject { ["runId"] = child });
        }

        var run = await flows.GetRunAsync(child, cancellationToken);
        return run?.State switch
        {
            FlowRunState.Succeeded => TaskOutcome.Succeeded(new JsonObject { ["runId"] = child, ["state"] = "succeeded" }),
            FlowRunState.Failed or FlowRunState.Cancelled => throw new FlowTaskException(FlowErrorKind.Failed, $"sub-flow {request.Flow} (run {child}) {run.State.ToString().ToLowerInvariant()}: {run.Reason}"),
            _ => TaskOutcome.WaitUntil(context.Time.GetUtcNow() + (context.Inputs.OptionalDuration("pollInterval") ?? TimeSpan.FromSeconds(5)),
                $"waiting for run {child} of {request.Flow} ({run?.State.ToString().ToLowerInvariant()})"),
        };
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.PlanFlowAsync(context.Inputs.String("flow"), context.Inputs.OptionalInteger("version"), context.Inputs.Object("params")?.DeepClone().AsObject() ?? [], cancellationToken);
    }
}
