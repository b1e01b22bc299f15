using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Api;

/// <summary>One version of a flow with its definition, and the list of all its versions.</summary>
/// <param name="Name">The flow's name.</param>
/// <param name="Version">This version.</param>
/// <param name="Description">What it does.</param>
/// <param name="Definition">The definition, as JSON (the YAML's fields).</param>
/// <param name="Source">The text it was applied as, when it was applied as text.</param>
/// <param name="CreatedAt">When this version was applied.</param>
/// <param name="CreatedBy">Who applied it.</param>
/// <param name="Versions">Every version, newest first.</param>
public sealed record FlowDetail(string Name, int Version, string? Description, JsonObject Definition, string? Source, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<FlowVersionInfo> Versions)
{
    /// <summary>The detail of a stored version.</summary>
    public static FlowDetail From(FlowDefinitionVersion flow, IReadOnlyList<FlowDefinitionVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(versions);
        return new(flow.Name, flow.Version, flow.Definition.Description, FlowDefinitionWriter.ToJson(flow.Definition), flow.Source, flow.CreatedAt, flow.CreatedBy,
            [.. versions.Select(v => new FlowVersionInfo(v.Version, v.CreatedAt, v.CreatedBy))]);
    }
}
