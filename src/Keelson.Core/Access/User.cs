namespace Keelson.Core.Access;

/// <summary>A local Keelson user.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Name">Unique lower-case name used to sign in.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="PasswordChangedAt">When the password was last set.</param>
/// <param name="DisabledAt">When the user was disabled; null while enabled.</param>
public sealed record User(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset PasswordChangedAt, DateTimeOffset? DisabledAt)
{
    /// <summary>A disabled user cannot sign in; their sessions are gone and their tokens are refused.</summary>
    public bool IsDisabled => DisabledAt is not null;
}
