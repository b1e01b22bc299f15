namespace Keelson.Core.Access;

/// <summary>How a sign-in attempt ended.</summary>
public enum LoginOutcome
{
    /// <summary>The password was right and the user is enabled.</summary>
    Succeeded,

    /// <summary>Unknown user or wrong password (deliberately not told apart).</summary>
    WrongCredentials,

    /// <summary>Too many recent failures: refused without checking; try again after <see cref="LoginResult.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The password was right but the user is disabled.</summary>
    Disabled,
}
