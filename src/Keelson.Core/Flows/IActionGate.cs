namespace Keelson.Core.Flows;

/// <summary>
/// The one gate every cluster-changing action of a flow task passes, just before it is recorded and
/// taken. Guardrails (token budgets, circuit breakers) and change control implement it; the default
/// (<see cref="AllowAllActionGate"/>) allows everything. Register one as a singleton to replace it.
/// </summary>
/// <remarks>
/// Called once per action: an action that was recorded and then interrupted by a restart is finished
/// without asking again, so a budget is never charged twice. Keep it fast; it runs on a worker.
/// </remarks>
public interface IActionGate
{
    /// <summary>Decides whether the action may be taken.</summary>
    Task<GateDecision> CheckAsync(ActionGateRequest request, CancellationToken cancellationToken);
}
