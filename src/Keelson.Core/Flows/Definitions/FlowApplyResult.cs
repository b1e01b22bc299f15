namespace Keelson.Core.Flows.Definitions;

/// <summary>What applying a definition did.</summary>
/// <param name="Flow">The version now current.</param>
/// <param name="Created">True when the definition changed and a new version was stored; false when it equals the current version.</param>
public sealed record FlowApplyResult(FlowDefinitionVersion Flow, bool Created);
