using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>approval</c>: waits (without a worker) until a person approves or rejects the task through the
/// API (<c>POST /api/v1/runs/{id}/tasks/{task}/approve</c>); a rejection fails the task.
/// </summary>
public sealed class ApprovalExecutor : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "approval";

    /// <inheritdoc />
    public override string Description => "Waits for a person to approve (or reject) the run's next steps.";

    /// <inheritdoc />
    public override bool AcceptsApproval => true;

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("message", FlowValueType.String, "what the approver is asked"),
        ExecutorInput.Optional("approvers", FlowValueType.List, "the user names allowed to answer; anyone who may operate flows when absent"),
    ];

    /// <inheritdoc />
    public override Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Approval switch
        {
            null => Task.FromResult(TaskOutcome.WaitForSignal($"approval: {context.Inputs.String("message")}")),
            { Approved: true } a => Task.FromResult(TaskOutcome.Succeeded(new JsonObject { ["approvedBy"] = a.By, ["reason"] = a.Reason })),
            var a => throw new FlowTaskException(FlowErrorKind.Denied, $"rejected by {a.By}{(a.Reason is { Length: > 0 } r ? $": {r}" : "")}"),
        };
    }
}
