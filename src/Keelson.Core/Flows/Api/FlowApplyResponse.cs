namespace Keelson.Core.Flows.Api;

/// <summary>The answer to applying a definition.</summary>
/// <param name="Name">The flow.</param>
/// <param name="Version">The version now current.</param>
/// <param name="Created">True when a new version was stored; false when the definition equals the current version.</param>
/// <param name="Flow">The flow as it now stands.</param>
public sealed record FlowApplyResponse(string Name, int Version, bool Created, FlowSummary Flow);
