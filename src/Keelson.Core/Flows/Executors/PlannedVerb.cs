namespace Keelson.Core.Flows.Executors;

/// <summary>What a dry run says a task would do to an object.</summary>
public enum PlannedVerb
{
    /// <summary>Create it.</summary>
    Create,

    /// <summary>Change it.</summary>
    Change,

    /// <summary>Delete it.</summary>
    Delete,

    /// <summary>Evict it (a pod).</summary>
    Evict,

    /// <summary>Call a webhook outside the cluster.</summary>
    Call,
}
