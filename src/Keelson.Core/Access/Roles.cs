namespace Keelson.Core.Access;

/// <summary>The text form of <see cref="Role"/>: <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
public static class Roles
{
    /// <summary>The role's lower-case name, as stored and shown.</summary>
    public static string Name(Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>Reads a role name (case-insensitive).</summary>
    /// <exception cref="AccessException">The text is not viewer, operator or admin.</exception>
    public static Role Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "viewer" => Role.Viewer,
        "operator" => Role.Operator,
        "admin" => Role.Admin,
        _ => throw new AccessException(AccessErrorKind.Invalid, $"role \"{text}\" does not exist; use viewer, operator or admin"),
    };
}
