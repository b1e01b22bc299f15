namespace Keelson.Core.Flows.Engine;

/// <summary>A row of <c>flow_runs</c>.</summary>
internal sealed class RunRow
{
    public long Id { get; set; }

    public string Flow { get; set; } = "";

    public int Version { get; set; }

    public string Params { get; set; } = "{}";

    public string State { get; set; } = RunStates.Pending;

    public string? Reason { get; set; }

    public int Priority { get; set; }

    public long? ParentRun { get; set; }

    public string? ParentTask { get; set; }

    public long CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public long LeaseEpoch { get; set; }
}
