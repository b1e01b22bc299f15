namespace Keelson.Core.Access;

/// <summary>An API token as listed (never its plaintext).</summary>
/// <param name="Id">The token's id, for revoking it.</param>
/// <param name="OwnerName">The user the token acts as.</param>
/// <param name="Name">What the owner called it (<c>ci</c>, <c>laptop</c>).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="RevokedAt">When it was revoked; null while not.</param>
/// <param name="LastUsedAt">When it last authenticated a request (to the minute); null when never.</param>
public sealed record ApiToken(long Id, string OwnerName, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
