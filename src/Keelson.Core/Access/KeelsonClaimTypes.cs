using System.Security.Claims;

namespace Keelson.Core.Access;

/// <summary>The claims of a Keelson principal (<c>HttpContext.User</c>).</summary>
public static class KeelsonClaimTypes
{
    /// <summary>The user name; also <c>User.Identity.Name</c>.</summary>
    public const string UserName = ClaimTypes.Name;

    /// <summary>How the request was authenticated: <see cref="SessionMethod"/> or <see cref="TokenMethod"/>.</summary>
    public const string AuthMethod = ClaimTypes.AuthenticationMethod;

    /// <summary>The console session's secret id (present when signed in with a password). Never log it.</summary>
    public const string SessionId = "keelson:session";

    /// <summary>The API token's id (present when authenticated with a token).</summary>
    public const string TokenId = "keelson:token";

    /// <summary>The <see cref="AuthMethod"/> of a console session.</summary>
    public const string SessionMethod = "session";

    /// <summary>The <see cref="AuthMethod"/> of an API token.</summary>
    public const string TokenMethod = "token";

    internal static ClaimsPrincipal ForSession(LoginSession session) => Principal(
        KeelsonAuthentication.SessionScheme,
        new Claim(UserName, session.UserName),
        new Claim(AuthMethod, SessionMethod),
        new Claim(SessionId, session.Id));

    internal static ClaimsPrincipal ForToken(ApiToken token) => Principal(
        KeelsonAuthentication.TokenScheme,
        new Claim(UserName, token.OwnerName),
        new Claim(AuthMethod, TokenMethod),
        new Claim(TokenId, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static ClaimsPrincipal Principal(string scheme, params Claim[] claims) =>
        new(new ClaimsIdentity(claims, scheme, UserName, ClaimTypes.Role));
}
