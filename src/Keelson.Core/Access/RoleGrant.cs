namespace Keelson.Core.Access;

/// <summary>A role given to a user or team over a scope.</summary>
/// <param name="Id">The grant's id, for revoking it.</param>
/// <param name="Subject">Who has it.</param>
/// <param name="Role">What it allows.</param>
/// <param name="Scope">Where it applies.</param>
/// <param name="CreatedAt">When it was given.</param>
/// <param name="CreatedBy">Who gave it.</param>
public sealed record RoleGrant(long Id, GrantSubject Subject, Role Role, GrantScope Scope, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary><c>operator on clusters matching env=production</c>.</summary>
    public override string ToString() => $"{Roles.Name(Role)} on {Scope}";
}
