namespace Keelson.Core.Access;

/// <summary>A grant that applies to a user, directly or through one of their teams.</summary>
/// <param name="Grant">The grant.</param>
/// <param name="ViaTeam">The team it comes through; null when given to the user directly.</param>
public sealed record EffectiveGrant(RoleGrant Grant, string? ViaTeam)
{
    /// <summary><c>viewer on clusters matching env=production (team sre)</c>.</summary>
    public override string ToString() => ViaTeam is null ? Grant.ToString() : $"{Grant} (team {ViaTeam})";
}
