namespace Keelson.Core.Protection;

/// <summary>One key of the Data Protection key ring, as an operator sees it.</summary>
/// <param name="Id">The key's id (stored in every payload it protected).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ActivatesAt">From when new payloads may be protected with it.</param>
/// <param name="ExpiresAt">After this, it only unprotects (a newer key protects).</param>
/// <param name="IsRevoked">Revoked keys unprotect nothing.</param>
/// <param name="IsDefault">True for the key protecting new payloads now.</param>
public sealed record ProtectionKey(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset ExpiresAt, bool IsRevoked, bool IsDefault);
