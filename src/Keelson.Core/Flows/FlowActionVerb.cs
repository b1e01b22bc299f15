namespace Keelson.Core.Flows;

/// <summary>What an action does to a cluster (or, for <see cref="Call"/>, to the world outside it).</summary>
public enum FlowActionVerb
{
    /// <summary>Server-side apply: creates or changes objects.</summary>
    Apply,

    /// <summary>Changes an object with a patch.</summary>
    Patch,

    /// <summary>Deletes objects.</summary>
    Delete,

    /// <summary>Sets a workload's replica count (to zero is destructive).</summary>
    Scale,

    /// <summary>Marks a node unschedulable.</summary>
    Cordon,

    /// <summary>Marks a node schedulable again.</summary>
    Uncordon,

    /// <summary>Evicts pods (respecting PodDisruptionBudgets).</summary>
    Evict,

    /// <summary>Calls a webhook that may change things outside Keelson (e.g. a cloud provider adding capacity).</summary>
    Call,
}
