namespace Keelson.Core.Access;

/// <summary>Who a grant is given to.</summary>
public enum GrantSubjectKind
{
    /// <summary>One user.</summary>
    User,

    /// <summary>Every member of a team.</summary>
    Team,
}
