using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Api;

/// <summary>The body of <c>POST /api/v1/runs</c>.</summary>
public sealed record StartRunRequest
{
    /// <summary>The flow to run.</summary>
    public string? Flow { get; init; }

    /// <summary>Its version; the latest when absent.</summary>
    public int? Version { get; init; }

    /// <summary>The parameters (defaults fill in the rest).</summary>
    public JsonObject? Params { get; init; }

    /// <summary>The run's priority; the flow's own when absent.</summary>
    public int? Priority { get; init; }

    /// <summary>Only say what the run would do (the plan), without starting it.</summary>
    public bool DryRun { get; init; }
}
