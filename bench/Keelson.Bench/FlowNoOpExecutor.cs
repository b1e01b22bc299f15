using System.Collections.Concurrent;
using Keelson.Core.Flows.Executors;

namespace Keelson.Bench;

/// <summary>
/// <c>bench.noop</c>: does nothing and succeeds at once, noting when it was called, so the benchmark sees
/// the engine's own costs (commits, scheduling) and when each task began running.
/// </summary>
internal sealed class FlowNoOpExecutor(FlowNoOpCalls calls) : FlowExecutor
{
    public override string Name => "bench.noop";

    public override string Description => "Does nothing and succeeds (benchmarks only).";

    public override IReadOnlyList<ExecutorInput> Inputs { get; } = [];

    public override Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        calls.Record(context.RunId, context.TaskKey);
        return Task.FromResult(TaskOutcome.Succeeded());
    }
}

/// <summary>When each <c>bench.noop</c> task first ran, in Unix milliseconds (fractional).</summary>
internal sealed class FlowNoOpCalls
{
    private readonly ConcurrentDictionary<(long RunId, string Task), double> _calls = new();

    public int Count => _calls.Count;

    public void Record(long runId, string task) =>
        _calls.TryAdd((runId, task), (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds);

    public bool TryGet(long runId, string task, out double at) => _calls.TryGetValue((runId, task), out at);
}
