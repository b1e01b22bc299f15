namespace Keelson.Core.Flows.Engine;

/// <summary>A row of <c>flow_definitions</c>.</summary>
internal sealed class DefinitionRow
{
    public string Name { get; set; } = "";

    public int Version { get; set; }

    public string Definition { get; set; } = "";

    public string? Source { get; set; }

    public string Digest { get; set; } = "";

    public long CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
