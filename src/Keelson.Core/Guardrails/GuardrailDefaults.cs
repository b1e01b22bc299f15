namespace Keelson.Core.Guardrails;

/// <summary>
/// The budgets Keelson starts with (docs/guardrails.md has them as a table). An admin replaces any of
/// them, or adds new ones, through the API; what an admin set is kept in the database.
/// </summary>
public static class GuardrailDefaults
{
    // Per cluster and fleet-wide limits over 1m, 5m, 1h, 24h.
    private static readonly (string Verb, string[] Kinds, long[] Cluster, long[] Fleet)[] Classes =
    [
        (GuardrailVerbs.Evict, ["Pod"], [50, 150, 1000, 5000], [200, 600, 4000, 20000]),
        (GuardrailVerbs.Delete, ["Pod"], [50, 150, 1000, 5000], [200, 600, 4000, 20000]),
        (GuardrailVerbs.Cordon, ["Node"], [3, 10, 30, 100], [10, 30, 100, 300]),
        (GuardrailVerbs.Delete, ["Node"], [1, 3, 10, 20], [3, 10, 30, 60]),
        (GuardrailVerbs.Delete, ["Deployment", "StatefulSet", "DaemonSet", "Service"], [5, 10, 30, 100], [10, 30, 100, 300]),
        (GuardrailVerbs.ScaleToZero, ["Deployment", "StatefulSet"], [5, 10, 30, 100], [10, 30, 100, 300]),
    ];

    private static readonly string[] Windows = ["1m", "5m", "1h", "24h"];

    /// <summary>Every default budget.</summary>
    public static IReadOnlyList<GuardrailBudget> Budgets { get; } =
    [
        .. from c in Classes
           from kind in c.Kinds
           from scope in new[] { BudgetScope.Cluster, BudgetScope.Fleet }
           from i in Enumerable.Range(0, Windows.Length)
           select new GuardrailBudget(c.Verb, kind, scope, Windows[i], scope == BudgetScope.Cluster ? c.Cluster[i] : c.Fleet[i]) { IsDefault = true },
    ];
}
