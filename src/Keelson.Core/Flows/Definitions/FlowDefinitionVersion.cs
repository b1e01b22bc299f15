namespace Keelson.Core.Flows.Definitions;

/// <summary>One stored version of a flow definition.</summary>
/// <param name="Name">The flow's name.</param>
/// <param name="Version">The version, from 1; a run keeps the version it started with.</param>
/// <param name="Definition">The definition.</param>
/// <param name="Source">The text it was applied as (YAML), when it was applied as text.</param>
/// <param name="CreatedAt">When this version was applied.</param>
/// <param name="CreatedBy">Who applied it.</param>
public sealed record FlowDefinitionVersion(string Name, int Version, FlowDefinition Definition, string? Source, DateTimeOffset CreatedAt, string CreatedBy);
