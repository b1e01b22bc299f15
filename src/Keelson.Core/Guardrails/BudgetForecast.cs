namespace Keelson.Core.Guardrails;

/// <summary>What a plan would draw from one budget, and whether that fits now.</summary>
/// <param name="Budget">The budget in a few words.</param>
/// <param name="Scope"><c>fleet</c> or <c>cluster/NAME</c>.</param>
/// <param name="Used">Tokens already used in the window.</param>
/// <param name="Planned">Tokens the plan would draw.</param>
/// <param name="Limit">The budget's limit.</param>
public sealed record BudgetForecast(string Budget, string Scope, long Used, long Planned, long Limit)
{
    /// <summary>True when the plan would run the budget out: the action that does so is braked and the circuit opens.</summary>
    public bool WouldExceed => Used + Planned > Limit;
}
