namespace Keelson.Core.Access;

/// <summary>The result of a sign-in attempt.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">What to show the person when it failed; null on success.</param>
/// <param name="User">The signed-in user, on success.</param>
/// <param name="Session">The console session, when one was created.</param>
/// <param name="RetryAfter">How long to wait before trying again, when sign-ins are throttled (send as <c>Retry-After</c>).</param>
public sealed record LoginResult(LoginOutcome Outcome, string? Message, User? User, LoginSession? Session, TimeSpan? RetryAfter)
{
    /// <summary>True when the password was right and the user may work.</summary>
    public bool Succeeded => Outcome == LoginOutcome.Succeeded;
}
