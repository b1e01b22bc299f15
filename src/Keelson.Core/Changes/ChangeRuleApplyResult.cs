namespace Keelson.Core.Changes;

/// <summary>What applying a rule file did to one rule.</summary>
/// <param name="Name">The rule.</param>
/// <param name="Version">Its version now.</param>
/// <param name="Created">False when the file held the same rule as the latest version (nothing stored).</param>
public sealed record ChangeRuleApplyResult(string Name, int Version, bool Created);
