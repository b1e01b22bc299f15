namespace Keelson.Core.Flows.Definitions;

/// <summary>
/// A flow: parameters and a DAG of tasks. Written in YAML (see <see cref="FlowDefinitionReader"/>)
/// or built in C#; stored in versions, and every run keeps the version it started with.
/// </summary>
public sealed record FlowDefinition
{
    /// <summary>The flow's name: lower-case letters, digits and '-', as a Kubernetes name.</summary>
    public required string Name { get; init; }

    /// <summary>What the flow does.</summary>
    public string? Description { get; init; }

    /// <summary>The parameters a run is started with.</summary>
    public IReadOnlyList<FlowParameter> Params { get; init; } = [];

    /// <summary>The tasks, in any order (<see cref="FlowTask.Needs"/> orders them).</summary>
    public IReadOnlyList<FlowTask> Tasks { get; init; } = [];

    /// <summary>The priority runs get unless started with another: higher runs first.</summary>
    public int Priority { get; init; }

    /// <summary>How many tasks of this flow (all its runs together) may run at once on one Keelson replica; null for the engine's default.</summary>
    public int? Concurrency { get; init; }
}
