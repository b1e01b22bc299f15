namespace Keelson.Core.Changes;

/// <summary>A row of <c>changes</c> (with its run's state when it has a run).</summary>
internal sealed class ChangeRow
{
    public long Id { get; set; }

    public string Flow { get; set; } = "";

    public int? FlowVersion { get; set; }

    public string Params { get; set; } = "{}";

    public string Description { get; set; } = "";

    public string Initiator { get; set; } = "";

    public string State { get; set; } = "";

    public string? Reason { get; set; }

    public string Scope { get; set; } = "{}";

    public string BlastRadius { get; set; } = "{}";

    public string Plan { get; set; } = "{}";

    public string Checks { get; set; } = "[]";

    public long? RunId { get; set; }

    public string? RunState { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }
}
