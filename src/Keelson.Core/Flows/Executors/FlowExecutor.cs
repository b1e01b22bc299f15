using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// What a task's <c>uses</c> names: one kind of work (apply, drain, call a webhook, wait...). One
/// subclass per executor, registered with <c>AddFlowExecutor&lt;T&gt;()</c>; the engine finds it by <see cref="Name"/>.
/// </summary>
/// <remarks>
/// <see cref="ExecuteAsync"/> is one step of an attempt and may run again for the same attempt:
/// after a wait (with the <see cref="TaskContext.State"/> it kept) and after a restart of Keelson
/// (from the last committed state). Every change to a cluster or the outside world therefore goes
/// through <see cref="TaskContext.ActAsync"/> or <see cref="TaskContext.OnceAsync"/>, which record an
/// intent before acting and its result after, so no action is taken twice; destructive actions also
/// carry a uid precondition, so a recorded action whose result was lost is safe to send again.
/// </remarks>
public abstract class FlowExecutor
{
    /// <summary>The name tasks use, e.g. <c>kube.drain</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What it does, one sentence.</summary>
    public abstract string Description { get; }

    /// <summary>The inputs it reads from <c>with</c>; any other key is refused when a definition is validated.</summary>
    public abstract IReadOnlyList<ExecutorInput> Inputs { get; }

    /// <summary>The retry policy of tasks that set none (null: no retries).</summary>
    public virtual FlowRetry? DefaultRetry => null;

    /// <summary>Whether tasks of this executor are approved or rejected by a person (see <see cref="TaskContext.Approval"/>).</summary>
    public virtual bool AcceptsApproval => false;

    /// <summary>Runs one step of an attempt.</summary>
    /// <exception cref="FlowTaskException">The attempt failed; its kind decides whether it is retried.</exception>
    public abstract Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken);

    /// <summary>
    /// What the task would do, without doing it (reads are allowed). Inputs that depend on earlier
    /// tasks' outputs are null in a dry run. The default plans nothing: executors that only wait or read.
    /// </summary>
    public virtual Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PlannedAction>>([]);
}
