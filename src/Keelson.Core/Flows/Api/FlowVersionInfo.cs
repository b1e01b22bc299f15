namespace Keelson.Core.Flows.Api;

/// <summary>One version of a flow, in a flow's version list.</summary>
/// <param name="Version">The version.</param>
/// <param name="CreatedAt">When it was applied.</param>
/// <param name="CreatedBy">Who applied it.</param>
public sealed record FlowVersionInfo(int Version, DateTimeOffset CreatedAt, string CreatedBy);
