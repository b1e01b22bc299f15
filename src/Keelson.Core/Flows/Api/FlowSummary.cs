using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Api;

/// <summary>A flow as lists show it: its latest version.</summary>
/// <param name="Name">The flow's name.</param>
/// <param name="Version">The latest version.</param>
/// <param name="Description">What it does.</param>
/// <param name="Params">The parameters a run takes.</param>
/// <param name="Tasks">How many tasks it has.</param>
/// <param name="CreatedAt">When the latest version was applied.</param>
/// <param name="CreatedBy">Who applied it.</param>
public sealed record FlowSummary(string Name, int Version, string? Description, IReadOnlyList<FlowParameter> Params, int Tasks, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>The summary of a stored version.</summary>
    public static FlowSummary From(FlowDefinitionVersion flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new(flow.Name, flow.Version, flow.Definition.Description, flow.Definition.Params, flow.Definition.Tasks.Count, flow.CreatedAt, flow.CreatedBy);
    }
}
