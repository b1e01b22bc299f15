namespace Keelson.Core.Changes;

/// <summary>One stored version of a rule.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Version">Its version (1, 2, ...).</param>
/// <param name="Rule">The rule.</param>
/// <param name="Source">The file it came from.</param>
/// <param name="CreatedAt">When it was applied.</param>
/// <param name="CreatedBy">Who applied it.</param>
public sealed record ChangeRuleVersion(string Name, int Version, ChangeRule Rule, string? Source, DateTimeOffset CreatedAt, string CreatedBy);
