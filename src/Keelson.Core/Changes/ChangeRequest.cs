using System.Text.Json.Nodes;

namespace Keelson.Core.Changes;

/// <summary>A request for a change: run this flow with these parameters, for this reason.</summary>
public sealed record ChangeRequest
{
    /// <summary>The flow.</summary>
    public required string Flow { get; init; }

    /// <summary>The flow's version; the latest when null.</summary>
    public int? Version { get; init; }

    /// <summary>The flow's parameters.</summary>
    public JsonObject? Params { get; init; }

    /// <summary>What the change is for (shown to approvers and in history).</summary>
    public string? Description { get; init; }
}
