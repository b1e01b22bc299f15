namespace Keelson.Core.Flows.Runs;

/// <summary>One page of runs.</summary>
/// <param name="Items">The runs, newest first (without their tasks).</param>
/// <param name="Continue">The token for the next page; null on the last.</param>
public sealed record FlowRunPage(IReadOnlyList<FlowRun> Items, string? Continue);
