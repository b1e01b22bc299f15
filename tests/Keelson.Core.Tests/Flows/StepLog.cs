using System.Collections.Concurrent;

namespace Keelson.Core.Tests.Flows;

/// <summary>Every call of the test executor, by task key, shared by every engine a test starts (it outlives restarts).</summary>
internal sealed class StepLog
{
    private readonly ConcurrentQueue<(long Run, string Task)> _calls = new();

    public void Record(long run, string task) => _calls.Enqueue((run, task));

    /// <summary>Calls of the task in every run.</summary>
    public int Calls(string task) => _calls.Count(c => c.Task == task);

    /// <summary>Calls of the task in one run.</summary>
    public int Calls(long run, string task) => _calls.Count(c => c.Run == run && c.Task == task);

    public IReadOnlyList<string> Order => [.. _calls.Select(c => c.Task)];
}
