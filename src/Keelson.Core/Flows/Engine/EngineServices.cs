using Keelson.Core.Audit;
using Keelson.Core.Flows.Executors;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Flows.Engine;

/// <summary>What every part of one running engine shares.</summary>
internal sealed class EngineServices
{
    public required FlowStore Store { get; init; }

    public required WriteBatcher Writes { get; init; }

    public required FlowScheduler Scheduler { get; init; }

    public required FlowDefinitions Definitions { get; init; }

    public required FlowExecutors Executors { get; init; }

    public required IActionGate Gate { get; init; }

    /// <summary>Admits each wave (element of a <c>forEach</c>) before it starts and after it ends.</summary>
    public IRunAdmission Admission { get; init; } = new AdmitAllRuns();

    public required AuditLog Audit { get; init; }

    public required TimeProvider Time { get; init; }

    public required FlowOptions Options { get; init; }

    public required ILogger Logger { get; init; }

    public required string Owner { get; init; }

    /// <summary>
    /// Test hook: called at named points of an action (<c>intent.before</c>, <c>intent.recorded</c>,
    /// <c>action.taken</c>, <c>intent.done</c>) and of a wave (<c>wave.ended</c>: an element succeeded,
    /// its after-wave check not asked yet) so a test can stop the engine at exactly that instant.
    /// </summary>
    public Func<string, CancellationToken, Task>? Checkpoint { get; init; }

    public long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task CheckpointAsync(string point, CancellationToken cancellationToken) =>
        Checkpoint is { } checkpoint ? checkpoint(point, cancellationToken) : Task.CompletedTask;
}
