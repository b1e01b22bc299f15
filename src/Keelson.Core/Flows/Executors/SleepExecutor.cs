using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary><c>sleep</c>: waits for a while (a timer in the database: no worker is held, and a restart does not restart the wait).</summary>
public sealed class SleepExecutor : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "sleep";

    /// <inheritdoc />
    public override string Description => "Waits for a duration.";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("duration", FlowValueType.Duration, "how long to wait, e.g. 5m"),
    ];

    /// <inheritdoc />
    public override Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Time.GetUtcNow();
        context.State["until"] ??= (now + context.Inputs.Duration("duration")).ToUnixTimeMilliseconds();
        var until = DateTimeOffset.FromUnixTimeMilliseconds(context.State["until"]!.GetValue<long>());
        return Task.FromResult(now >= until ? TaskOutcome.Succeeded() : TaskOutcome.WaitUntil(until, $"sleeping until {until:O}"));
    }
}
