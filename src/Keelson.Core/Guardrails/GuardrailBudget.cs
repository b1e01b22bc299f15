namespace Keelson.Core.Guardrails;

/// <summary>
/// A token budget: at most <see cref="Limit"/> objects of one class (verb × kind) within any sliding
/// <see cref="Window"/>, per cluster or fleet-wide.
/// </summary>
/// <param name="Verb">One of <see cref="GuardrailVerbs"/>.</param>
/// <param name="Kind">The kind, e.g. <c>Pod</c>; <c>*</c> counts every kind of the verb together.</param>
/// <param name="Scope">Per cluster or fleet-wide.</param>
/// <param name="Window">1m, 5m, 1h or 24h.</param>
/// <param name="Limit">Tokens allowed in the window; null when an admin lifted the limit.</param>
public sealed record GuardrailBudget(string Verb, string Kind, BudgetScope Scope, string Window, long? Limit)
{
    /// <summary>True for a built-in default no admin changed.</summary>
    public bool IsDefault { get; init; }

    /// <summary>Who last changed it; null for a default.</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>When it was last changed; null for a default.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// What it has used now: per cluster for a cluster budget (only clusters that used some), or under
    /// <c>fleet</c> for a fleet budget. Filled when listed.
    /// </summary>
    public IReadOnlyDictionary<string, long> Used { get; init; } = new Dictionary<string, long>();

    /// <summary>The budget in a few words, e.g. <c>evict Pod per cluster over 1m (limit 50)</c>.</summary>
    public string Describe() => $"{Verb} {Kind} {(Scope == BudgetScope.Fleet ? "fleet-wide" : "per cluster")} over {Window} (limit {Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";

    /// <summary>Whether an action of this class draws on the budget.</summary>
    public bool Covers(string verb, string kind) => Verb == verb && (Kind == "*" || Kind == kind);

    internal (string, string, BudgetScope, string) Key => (Verb, Kind, Scope, Window);
}
