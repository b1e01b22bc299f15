using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Keelson.Storage;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>
/// Console sessions: created at sign-in (by <see cref="LoginService"/>), checked on every request
/// carrying the session cookie, ended at sign-out, on password change and when the user is disabled.
/// Thread-safe singleton.
/// </summary>
public sealed class SessionService(KeelsonDatabase database, IOptions<AccessOptions> options, TimeProvider time)
{
    // last_seen_at is for people reading the table; a write per request would be waste.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>The session, when it exists, has not expired or been revoked, and its user is enabled; else null.</summary>
    public async Task<LoginSession?> ValidateAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            "SELECT s.id AS Hash, u.name AS UserName, s.created_at AS CreatedAt, s.expires_at AS ExpiresAt, s.last_seen_at AS LastSeenAt, s.source_ip AS SourceIp " +
            "FROM login_sessions s JOIN users u ON u.id = s.user_id " +
            "WHERE s.id = @hash AND s.revoked_at IS NULL AND s.expires_at > @now AND u.disabled_at IS NULL",
            new { hash = Hash(sessionId), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        if (now.ToUnixTimeMilliseconds() - row.LastSeenAt >= (long)LastSeenResolution.TotalMilliseconds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE login_sessions SET last_seen_at = @now WHERE id = @Hash", new { now = now.ToUnixTimeMilliseconds(), row.Hash }, cancellationToken: cancellationToken));
        }

        return new LoginSession(sessionId, row.UserName, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt), row.SourceIp);
    }

    /// <summary>Ends a session now (sign-out). Ending an ended or unknown session changes nothing.</summary>
    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE login_sessions SET revoked_at = @now WHERE id = @hash AND revoked_at IS NULL",
            new { hash = Hash(sessionId), now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    internal async Task<LoginSession> CreateAsync(DbConnection connection, DbTransaction transaction, User user, string? sourceIp, CancellationToken cancellationToken)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expires = now + options.Value.SessionLifetime;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO login_sessions (id, user_id, created_at, expires_at, last_seen_at, source_ip) VALUES (@hash, @userId, @now, @expires, @now, @sourceIp)",
            new { hash = Hash(id), userId = user.Id, now = now.ToUnixTimeMilliseconds(), expires = expires.ToUnixTimeMilliseconds(), sourceIp },
            transaction,
            cancellationToken: cancellationToken));
        // Round as stored, so what the caller sees equals what ValidateAsync returns.
        return new LoginSession(id, user.Name, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), DateTimeOffset.FromUnixTimeMilliseconds(expires.ToUnixTimeMilliseconds()), sourceIp);
    }

    internal static Task RevokeAllAsync(DbConnection connection, DbTransaction transaction, long userId, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE login_sessions SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now },
            transaction,
            cancellationToken: cancellationToken));

    // Stored hashed: a copy of the table (with the key ring beside it) must not let anyone forge a live session.
    private static string Hash(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private sealed record SessionRow(string Hash, string UserName, long CreatedAt, long ExpiresAt, long LastSeenAt, string? SourceIp);
}
