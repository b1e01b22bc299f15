using System.Collections.Concurrent;

namespace Keelson.Core.Tests.Flows;

/// <summary>Every call of the test executor, by task key, shared by every engine a test starts (it outlives restarts).</summary>
internal sealed class StepLog
{
    private readonly ConcurrentQueue<(string Task, int Attempt)> _calls = new();

    public void Record(string task, int attempt) => _calls.Enqueue((task, attempt));

    public int Calls(string task) => _calls.Count(c => c.Task == task);

    public IReadOnlyList<string> Order => [.. _calls.Select(c => c.Task)];
}
