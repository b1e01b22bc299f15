namespace Keelson.Core.Guardrails;

/// <summary>What a budget counts: each cluster on its own, or the whole fleet together.</summary>
public enum BudgetScope
{
    /// <summary>Every cluster has this budget to itself; its circuit is the cluster's (<c>cluster/NAME</c>).</summary>
    Cluster,

    /// <summary>One budget shared by every cluster; its circuit is the fleet's (<c>fleet</c>).</summary>
    Fleet,
}
