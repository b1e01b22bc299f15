using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Keelson.Core.Access;

/// <summary>
/// Makes the session cookie only as good as its session row: every request re-checks that the
/// session exists, has not ended and its user is enabled, so sign-out, password change and disabling
/// take effect at once. Browsers without a session are sent to the sign-in page; API clients get 401.
/// </summary>
internal sealed class SessionCookieEvents(SessionService sessions) : CookieAuthenticationEvents
{
    private const string EndedKey = "keelson:session-ended";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirst(KeelsonClaimTypes.SessionId)?.Value;
        var session = sessionId is null ? null : await sessions.ValidateAsync(sessionId, context.HttpContext.RequestAborted);
        if (session is null || !string.Equals(session.UserName, context.Principal!.Identity?.Name, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            context.HttpContext.Items[EndedKey] = true;
            await context.HttpContext.SignOutAsync(KeelsonAuthentication.SessionScheme);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (WantsPage(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        var ended = context.HttpContext.Items.ContainsKey(EndedKey);
        return ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ended
            ? "your session has ended (signed out, expired, password changed or user disabled); sign in again"
            : $"sign in first: at {KeelsonAuthentication.LoginPath} in a browser, or send 'Authorization: Bearer <token>' with an API token");
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "you do not have a grant that allows this");

    // A browser navigating gets the sign-in page; fetches, the CLI and scripts get a status code.
    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) &&
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) &&
        !request.Headers.ContainsKey(HeaderNames.XRequestedWith);
}
