namespace Keelson.Core.Changes;

/// <summary>The states a change has before its run exists; once started, its run's state is the change's.</summary>
public static class ChangeStates
{
    /// <summary>A rule blocks it; <c>keelson change start ID</c> asks again.</summary>
    public const string Blocked = "blocked";

    /// <summary>It waits for approvals.</summary>
    public const string AwaitingApproval = "awaiting-approval";

    /// <summary>Every rule allowed it; its run is being created.</summary>
    public const string Admitted = "admitted";

    /// <summary>Its run exists (the change's state is then the run's: pending, running, paused, braked, succeeded, failed, cancelled).</summary>
    public const string Started = "started";
}
