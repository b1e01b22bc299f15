using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Api;

/// <summary>The body of <c>POST /api/v1/flows/NAME/plan</c>.</summary>
public sealed record PlanRequest
{
    /// <summary>The version to plan; the latest when absent.</summary>
    public int? Version { get; init; }

    /// <summary>The parameters a run would get.</summary>
    public JsonObject? Params { get; init; }
}
