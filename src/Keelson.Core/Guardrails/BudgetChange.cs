namespace Keelson.Core.Guardrails;

/// <summary>An admin's change of one budget (<c>PUT /api/v1/guardrails/budgets</c>).</summary>
public sealed record BudgetChange
{
    /// <summary>delete, evict, cordon or scale-to-zero.</summary>
    public string? Verb { get; init; }

    /// <summary>The kind (<c>Pod</c>, <c>Node</c>, <c>Deployment</c>...), or <c>*</c> for every kind of the verb.</summary>
    public string? Kind { get; init; }

    /// <summary>Per cluster or fleet-wide.</summary>
    public BudgetScope Scope { get; init; } = BudgetScope.Cluster;

    /// <summary>1m, 5m, 1h or 24h.</summary>
    public string? Window { get; init; }

    /// <summary>Tokens (objects) allowed in the window; null lifts the limit.</summary>
    public long? Limit { get; init; }
}
