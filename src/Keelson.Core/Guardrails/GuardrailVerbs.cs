namespace Keelson.Core.Guardrails;

/// <summary>
/// The destructive classes of action guardrails charge, as budgets name them. A drain is a cordon
/// followed by one eviction per pod, so it draws on both.
/// </summary>
public static class GuardrailVerbs
{
    /// <summary>Deleting objects (pods, workloads, services, nodes).</summary>
    public const string Delete = "delete";

    /// <summary>Evicting pods (one at a time, or many in a drain).</summary>
    public const string Evict = "evict";

    /// <summary>Cordoning a node (the first step of a drain).</summary>
    public const string Cordon = "cordon";

    /// <summary>Scaling a workload to zero replicas.</summary>
    public const string ScaleToZero = "scale-to-zero";

    /// <summary>Every verb, for validation messages.</summary>
    public static IReadOnlyList<string> All { get; } = [Delete, Evict, Cordon, ScaleToZero];
}
