using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Access;

/// <summary>
/// Signing in and out: throttling, the password check, the console session and its cookie, and the
/// audit record of every attempt (who, from where, outcome). Thread-safe singleton.
/// </summary>
public sealed class LoginService
{
    private const int MaxRecordedNameLength = 128;

    private readonly KeelsonDatabase _database;
    private readonly AuditLog _audit;
    private readonly UserService _users;
    private readonly SessionService _sessions;
    private readonly LoginThrottle _throttle;

    internal LoginService(KeelsonDatabase database, AuditLog audit, UserService users, SessionService sessions, LoginThrottle throttle)
    {
        _database = database;
        _audit = audit;
        _users = users;
        _sessions = sessions;
        _throttle = throttle;
    }

    /// <summary>
    /// Checks a user name and password without creating a session (for an endpoint that trades them
    /// for an API token). Throttled, counted and audited like a console sign-in.
    /// </summary>
    public Task<LoginResult> CheckPasswordAsync(string userName, string password, string? sourceIp, CancellationToken cancellationToken) =>
        AttemptAsync(userName, password, sourceIp, createSession: false, cancellationToken);

    /// <summary>
    /// Signs a person in to the console: on success creates a session and sets the session cookie on
    /// the response. On failure, show <see cref="LoginResult.Message"/> (and send
    /// <see cref="LoginResult.RetryAfter"/> as <c>Retry-After</c> when throttled).
    /// </summary>
    public async Task<LoginResult> SignInAsync(HttpContext context, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await AttemptAsync(userName, password, context.Connection.RemoteIpAddress?.ToString(), createSession: true, cancellationToken);
        if (result.Session is { } session)
        {
            await context.SignInAsync(KeelsonAuthentication.SessionScheme, KeelsonClaimTypes.ForSession(session), new AuthenticationProperties
            {
                ExpiresUtc = session.ExpiresAt,
                // A browser-session cookie: closing the browser signs out, the server-side expiry still applies.
                IsPersistent = false,
                AllowRefresh = false,
            });
        }

        return result;
    }

    /// <summary>Ends the request's console session (if it has one), clears the cookie and records the sign-out.</summary>
    public async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.FindFirst(KeelsonClaimTypes.SessionId)?.Value is { } sessionId)
        {
            await _sessions.RevokeAsync(sessionId, cancellationToken);
            var actor = AuditActor.From(context);
            await _audit.AppendAsync(new AuditEntry(actor, "logout", $"user/{actor.Name}", AuditOutcome.Success), cancellationToken);
        }

        await context.SignOutAsync(KeelsonAuthentication.SessionScheme);
    }

    private async Task<LoginResult> AttemptAsync(string userName, string password, string? sourceIp, bool createSession, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var name = AccessNames.Normalize(userName);
        if (name.Length > MaxRecordedNameLength)
        {
            name = name[..MaxRecordedNameLength];
        }

        var target = $"user/{name}";
        var anonymous = new AuditActor("anonymous", sourceIp);
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            if (await _throttle.CheckAsync(connection, null, name, sourceIp, cancellationToken) is { } refused)
            {
                var message = $"{refused.Reason}; try again in {Seconds(refused.Wait)} seconds";
                await _audit.AppendAsync(new AuditEntry(anonymous, "login", target, AuditOutcome.Denied,
                    new JsonObject { ["reason"] = message }), cancellationToken);
                return new LoginResult(LoginOutcome.Throttled, message, null, null, refused.Wait);
            }
        }

        var user = await _users.CheckPasswordAsync(name, password, cancellationToken);
        if (user is null)
        {
            return await _database.InTransactionAsync(async (connection, transaction) =>
            {
                await _throttle.RecordFailureAsync(connection, transaction, name, sourceIp, cancellationToken);
                var message = "wrong user name or password";
                var now = await _throttle.CheckAsync(connection, transaction, name, sourceIp, cancellationToken);
                if (now is { } locked)
                {
                    message += $"; {locked.Reason}: try again in {Seconds(locked.Wait)} seconds";
                }

                await _audit.AppendAsync(new AuditEntry(anonymous, "login", target, AuditOutcome.Failed,
                    new JsonObject { ["reason"] = message }), connection, transaction, cancellationToken);
                return new LoginResult(LoginOutcome.WrongCredentials, message, null, null, now?.Wait);
            }, cancellationToken);
        }

        if (user.IsDisabled)
        {
            var message = $"user \"{user.Name}\" is disabled; a platform admin can enable it";
            await _audit.AppendAsync(new AuditEntry(new AuditActor(user.Name, sourceIp), "login", target, AuditOutcome.Denied,
                new JsonObject { ["reason"] = message }), cancellationToken);
            return new LoginResult(LoginOutcome.Disabled, message, null, null, null);
        }

        return await _database.InTransactionAsync(async (connection, transaction) =>
        {
            await LoginThrottle.ClearAsync(connection, transaction, name, cancellationToken);
            var session = createSession ? await _sessions.CreateAsync(connection, transaction, user, sourceIp, cancellationToken) : null;
            await _audit.AppendAsync(new AuditEntry(new AuditActor(user.Name, sourceIp), "login", target, AuditOutcome.Success,
                new JsonObject { ["method"] = createSession ? "console" : "password" }), connection, transaction, cancellationToken);
            return new LoginResult(LoginOutcome.Succeeded, null, user, session, null);
        }, cancellationToken);
    }

    private static long Seconds(TimeSpan wait) => (long)Math.Ceiling(wait.TotalSeconds);
}
