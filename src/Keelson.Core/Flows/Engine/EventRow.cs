namespace Keelson.Core.Flows.Engine;

/// <summary>A row of <c>flow_events</c>.</summary>
internal sealed class EventRow
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public long At { get; set; }

    public string Type { get; set; } = "";

    public string? Task { get; set; }

    public string Message { get; set; } = "";

    public string? Actor { get; set; }
}
