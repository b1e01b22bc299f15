namespace Keelson.Core.Flows.Definitions;

/// <summary>A flow definition read from text, with the line of each of its fields.</summary>
/// <param name="Definition">The definition.</param>
/// <param name="SourceMap">Where each field was written.</param>
public sealed record ParsedFlowDefinition(FlowDefinition Definition, FlowSourceMap SourceMap);
