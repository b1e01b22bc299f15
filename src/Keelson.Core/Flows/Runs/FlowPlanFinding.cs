namespace Keelson.Core.Flows.Runs;

/// <summary>What one <see cref="IFlowPlanCheck"/> says about a plan, e.g. a budget it would draw on.</summary>
/// <param name="Check">Who says it, e.g. <c>guardrails</c>.</param>
/// <param name="Subject">What it is about, e.g. <c>evict Pod per cluster over 1m (limit 50) on cluster/c1</c>.</param>
/// <param name="WouldStop">True when running the plan now would be braked or refused here.</param>
/// <param name="Message">The finding in a sentence, with the numbers.</param>
public sealed record FlowPlanFinding(string Check, string Subject, bool WouldStop, string Message);
