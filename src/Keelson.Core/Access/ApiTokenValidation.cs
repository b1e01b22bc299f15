namespace Keelson.Core.Access;

/// <summary>Whether a presented API token may authenticate a request, and if not why (HTTP 401).</summary>
/// <param name="Token">The token, when it is valid.</param>
/// <param name="Failure">Why it is refused (unknown, expired, revoked, owner disabled) and what to do; null when valid.</param>
public sealed record ApiTokenValidation(ApiToken? Token, string? Failure)
{
    /// <summary>True when the token may be used.</summary>
    public bool IsValid => Token is not null;
}
