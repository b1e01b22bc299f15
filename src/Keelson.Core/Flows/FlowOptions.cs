namespace Keelson.Core.Flows;

/// <summary>Settings of the flow engine (configuration section <c>Flows</c>).</summary>
public sealed record FlowOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Flows";

    /// <summary>
    /// This replica's name in run leases; empty picks <c>HOST/RANDOM</c>, unique per process. Two
    /// live replicas must never share a name.
    /// </summary>
    public string ReplicaName { get; set; } = "";

    /// <summary>Tasks running at once on this replica (the worker pool). Default 32.</summary>
    public int MaxConcurrentTasks { get; set; } = 32;

    /// <summary>Tasks of one flow (all its runs) running at once on this replica, unless the flow sets its own concurrency. Default 16.</summary>
    public int MaxTasksPerFlow { get; set; } = 16;

    /// <summary>Tasks acting on one cluster (their <c>cluster</c> input) running at once on this replica. Default 8.</summary>
    public int MaxTasksPerCluster { get; set; } = 8;

    /// <summary>Runs this replica drives at once; further queued runs wait in the database. Default 2000.</summary>
    public int MaxOwnedRuns { get; set; } = 2000;

    /// <summary>
    /// How long a replica's claim on a run lasts without a heartbeat (renewed every third of it); a
    /// dead replica's runs are taken over after it. Default 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the database is asked for new runs and operators' commands from other replicas. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every setting that is out of range, each naming its key and the accepted values; empty when all are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string key, string accepted)
        {
            if (!ok)
            {
                problems.Add($"{Section}:{key} {accepted}");
            }
        }

        Check(MaxConcurrentTasks is >= 1 and <= 10_000, nameof(MaxConcurrentTasks), "must be between 1 and 10000");
        Check(MaxTasksPerFlow >= 1, nameof(MaxTasksPerFlow), "must be 1 or more");
        Check(MaxTasksPerCluster >= 1, nameof(MaxTasksPerCluster), "must be 1 or more");
        Check(MaxOwnedRuns >= 1, nameof(MaxOwnedRuns), "must be 1 or more");
        Check(LeaseDuration >= TimeSpan.FromSeconds(1) && LeaseDuration <= TimeSpan.FromHours(1), nameof(LeaseDuration), "must be between 00:00:01 and 01:00:00");
        Check(PollInterval >= TimeSpan.FromMilliseconds(10) && PollInterval < LeaseDuration, nameof(PollInterval), "must be at least 00:00:00.010 and shorter than Flows:LeaseDuration");
        Check(!ReplicaName.Contains(' ', StringComparison.Ordinal), nameof(ReplicaName), "must not contain spaces");
        return problems;
    }
}
