using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Definitions;

/// <summary>One parameter a run of the flow is started with, read in expressions as <c>params.NAME</c>.</summary>
public sealed record FlowParameter
{
    /// <summary>The name: letters, digits, '_' and '-', starting with a letter.</summary>
    public required string Name { get; init; }

    /// <summary>The type a value must have.</summary>
    public FlowValueType Type { get; init; } = FlowValueType.String;

    /// <summary>
    /// Whether a run must give it. A parameter with a <see cref="Default"/> is never required; one
    /// without is required unless this is set to false (it is then null when not given).
    /// </summary>
    public bool Required { get; init; } = true;

    /// <summary>The value used when a run does not give one.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>What it is for, shown to whoever starts a run.</summary>
    public string? Description { get; init; }
}
