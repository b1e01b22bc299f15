namespace Keelson.Core.Flows.Engine;

/// <summary>A row of <c>flow_commands</c>: an operator's request, applied by the run's owner.</summary>
internal sealed class CommandRow
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string Type { get; set; } = "";

    public string? Task { get; set; }

    public int? Item { get; set; }

    public string? Reason { get; set; }

    public string Actor { get; set; } = "";

    public string? SourceIp { get; set; }

    public long? AppliedAt { get; set; }

    public string? Outcome { get; set; }

    public string? Message { get; set; }
}
