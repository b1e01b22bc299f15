using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>
/// The <see cref="KeelsonAuthentication.TokenScheme"/>: authenticates <c>Authorization: Bearer kls_...</c>
/// with <see cref="ApiTokenService"/>, and answers a challenge with 401, <c>WWW-Authenticate: Bearer</c>
/// and the reason the token was refused.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var validation = await tokens.ValidateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        return validation.Token is { } token
            ? AuthenticateResult.Success(new AuthenticationTicket(KeelsonClaimTypes.ForToken(token), Scheme.Name))
            : AuthenticateResult.Fail(validation.Failure!);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = result.Failure?.Message;
        var header = "Bearer realm=\"keelson\"";
        if (reason is not null)
        {
            // RFC 6750: quoted-string, so the reason must not carry quotes or backslashes.
            header += $", error=\"invalid_token\", error_description=\"{reason.Replace('"', '\'').Replace('\\', '/')}\"";
        }

        Response.Headers.WWWAuthenticate = header;
        await ProblemResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            reason ?? "sign in first: send 'Authorization: Bearer <token>' with an API token (create one with 'keelson token create')");
    }
}
