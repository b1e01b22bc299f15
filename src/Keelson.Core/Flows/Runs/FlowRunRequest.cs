using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Runs;

/// <summary>A request to run a flow.</summary>
public sealed record FlowRunRequest
{
    /// <summary>The flow's name.</summary>
    public required string Flow { get; init; }

    /// <summary>The version to run; the latest when null.</summary>
    public int? Version { get; init; }

    /// <summary>The parameters (defaults fill in the rest).</summary>
    public JsonObject? Params { get; init; }

    /// <summary>The run's priority; the flow's when null. Higher runs first.</summary>
    public int? Priority { get; init; }
}
