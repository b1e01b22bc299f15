using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>One input an executor reads from a task's <c>with</c>.</summary>
/// <param name="Name">The key under <c>with</c>.</param>
/// <param name="Type">The type its value must have.</param>
/// <param name="Description">What it is, shown in validation errors and the executor list.</param>
public sealed record ExecutorInput(string Name, FlowValueType Type, string Description)
{
    /// <summary>Whether a task must give it (inputs with a <see cref="Default"/> never are).</summary>
    public bool Required { get; init; }

    /// <summary>The value used when the task does not give one.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>A required input.</summary>
    public static ExecutorInput Require(string name, FlowValueType type, string description) =>
        new(name, type, description) { Required = true };

    /// <summary>An optional input, with the value used when it is not given (null: absent).</summary>
    public static ExecutorInput Optional(string name, FlowValueType type, string description, JsonNode? defaultValue = null) =>
        new(name, type, description) { Default = defaultValue };
}
