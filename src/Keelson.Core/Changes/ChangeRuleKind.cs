namespace Keelson.Core.Changes;

/// <summary>What a change rule checks.</summary>
public enum ChangeRuleKind
{
    /// <summary>No change starts (and no wave goes) inside a freeze window, except for the rule's exceptions.</summary>
    Freeze,

    /// <summary>A change needs approvals by users with a role, above a blast-radius threshold or on matching clusters.</summary>
    Approval,

    /// <summary>At most so many changes in progress per cluster.</summary>
    Concurrency,

    /// <summary>A business webhook answers allow or deny at the start and before and after each wave; errors and timeouts deny.</summary>
    Webhook,
}
