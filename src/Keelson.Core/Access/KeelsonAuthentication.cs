namespace Keelson.Core.Access;

/// <summary>The names of Keelson's authentication schemes and cookie.</summary>
public static class KeelsonAuthentication
{
    /// <summary>
    /// The default scheme: forwards to <see cref="TokenScheme"/> when the request has an
    /// <c>Authorization: Bearer</c> header, else to <see cref="SessionScheme"/>.
    /// </summary>
    public const string Scheme = "keelson";

    /// <summary>The console's session cookie, re-checked against its session row on every request.</summary>
    public const string SessionScheme = "keelson-session";

    /// <summary>API tokens in <c>Authorization: Bearer kls_...</c>.</summary>
    public const string TokenScheme = "keelson-token";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "keelson_session";

    /// <summary>Where a browser without a session is sent to sign in.</summary>
    public const string LoginPath = "/login";
}
