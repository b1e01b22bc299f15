namespace Keelson.Core.Access;

/// <summary>Why an access operation was refused, for mapping to a status code (400, 404, 409).</summary>
public enum AccessErrorKind
{
    /// <summary>The input is not acceptable (a bad name, a short password, a lifetime too long).</summary>
    Invalid,

    /// <summary>The user, team, grant or token does not exist.</summary>
    NotFound,

    /// <summary>It already exists, or the change conflicts with the current state.</summary>
    Conflict,
}
