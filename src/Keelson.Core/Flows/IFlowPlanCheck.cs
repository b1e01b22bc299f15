using Keelson.Core.Flows.Executors;
using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Flows;

/// <summary>
/// Looks at what a dry run would do and says what would stop it (guardrail budgets, change rules):
/// the plan lists every check's findings in <see cref="FlowPlan.Findings"/>. Register any number as
/// singletons (<c>TryAddEnumerable</c>); none by default.
/// </summary>
public interface IFlowPlanCheck
{
    /// <summary>Findings about <paramref name="actions"/>, the plan's actions in task order; reads only.</summary>
    Task<IReadOnlyList<FlowPlanFinding>> CheckAsync(IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken);
}
