namespace Keelson.Core.Access;

/// <summary>The user or team a grant is given to.</summary>
/// <param name="Kind">User or team.</param>
/// <param name="Name">The user's or team's name.</param>
public sealed record GrantSubject(GrantSubjectKind Kind, string Name)
{
    /// <summary>A grant to one user.</summary>
    public static GrantSubject User(string name) => new(GrantSubjectKind.User, name);

    /// <summary>A grant to every member of a team.</summary>
    public static GrantSubject Team(string name) => new(GrantSubjectKind.Team, name);

    /// <summary><c>user alice</c> or <c>team sre</c>.</summary>
    public override string ToString() => $"{(Kind == GrantSubjectKind.User ? "user" : "team")} {Name}";
}
