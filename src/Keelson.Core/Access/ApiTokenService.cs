using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>
/// API tokens for the CLI and automation: created with an expiry (default 90 days, at most a year),
/// shown once, stored as SHA-256, checked on every request (expiry, revocation, owner enabled),
/// revocable. A token acts with its owner's grants. Thread-safe singleton; callers authorize
/// first (a user manages their own tokens; a platform admin anyone's).
/// </summary>
/// <remarks>
/// A token carries 256 random bits, so a fast hash is enough: nobody can guess an input for a stolen
/// hash, and a slow password hash would cost every API request tens of milliseconds.
/// </remarks>
public sealed class ApiTokenService
{
    /// <summary>What every Keelson token starts with, so scanners and people can recognize one.</summary>
    public const string Prefix = "kls_";

    private const string Select =
        "SELECT u.disabled_at AS OwnerDisabledAt, t.id AS Id, u.name AS OwnerName, t.name AS Name, t.created_at AS CreatedAt, t.expires_at AS ExpiresAt, " +
        "t.revoked_at AS RevokedAt, t.last_used_at AS LastUsedAt FROM api_tokens t JOIN users u ON u.id = t.user_id";

    // last_used_at is kept to the minute: one write per token per minute, not one per request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly KeelsonDatabase _database;
    private readonly AuditedChange _change;
    private readonly AccessOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the service (normally through <c>AddKeelsonAccess</c>).</summary>
    public ApiTokenService(KeelsonDatabase database, AuditLog audit, IOptions<AccessOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _change = new AuditedChange(database, audit);
        _options = options.Value;
        _time = time;
    }

    /// <summary>Creates a token for <paramref name="ownerName"/>; the plaintext in the result is never available again.</summary>
    /// <param name="actor">Who asks (audited).</param>
    /// <param name="ownerName">The user the token will act as.</param>
    /// <param name="tokenName">A name unique among the owner's unrevoked tokens.</param>
    /// <param name="lifetime">How long it works; the configured default (90 days) when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AccessException">
    /// The name or lifetime is not acceptable (Invalid), the owner does not exist (NotFound), or the owner
    /// already has an unrevoked token of that name (Conflict).
    /// </exception>
    public Task<CreatedApiToken> CreateAsync(AuditActor actor, string ownerName, string tokenName, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var owner = AccessNames.Normalize(ownerName);
        var name = AccessNames.Check("token", tokenName);
        var life = lifetime ?? _options.TokenDefaultLifetime;
        if (life <= TimeSpan.Zero || life > _options.TokenMaxLifetime)
        {
            throw new AccessException(AccessErrorKind.Invalid,
                $"a token's lifetime must be more than zero and at most {_options.TokenMaxLifetime.TotalDays:0} days; asked for {life.TotalDays:0.##} days");
        }

        var plaintext = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var expires = now + life;
        var entry = new AuditEntry(actor, "token.create", $"user/{owner}", AuditOutcome.Success,
            new JsonObject { ["tokenName"] = name, ["expiresAt"] = expires.ToString("O") });
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var userId = await UserService.RequireIdAsync(connection, transaction, owner, cancellationToken);
            var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM api_tokens WHERE user_id = @userId AND name = @name AND revoked_at IS NULL",
                new { userId, name }, transaction, cancellationToken: cancellationToken));
            if (taken > 0)
            {
                throw new AccessException(AccessErrorKind.Conflict,
                    $"user \"{owner}\" already has a token named \"{name}\"; revoke it first or choose another name");
            }

            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (@userId, @name, @hash, @now, @expires) RETURNING id",
                new { userId, name, hash = Hash(plaintext), now = now.ToUnixTimeMilliseconds(), expires = expires.ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken));
            return new CreatedApiToken(new ApiToken(id, owner, name, now, expires, null, null), plaintext);
        }, cancellationToken);
    }

    /// <summary>
    /// Checks a presented token: known, not revoked, not expired, owner enabled. Records when it was
    /// last used (at most once a minute).
    /// </summary>
    public async Task<ApiTokenValidation> ValidateAsync(string plaintext, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(plaintext) || !plaintext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new ApiTokenValidation(null, $"the bearer token is not a Keelson API token (those start with {Prefix}); create one with 'keelson token create'");
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"{Select} WHERE t.token_hash = @hash",
            new { hash = Hash(plaintext) },
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return new ApiTokenValidation(null, "the API token is not known to this Keelson server (mistyped, or deleted with its owner); create a new one");
        }

        var token = row.ToToken();
        var now = _time.GetUtcNow();
        var label = $"API token \"{token.Name}\" of user \"{token.OwnerName}\"";
        if (token.RevokedAt is { } revoked)
        {
            return new ApiTokenValidation(null, $"{label} was revoked at {revoked:u}; create a new one");
        }

        if (token.ExpiresAt <= now)
        {
            return new ApiTokenValidation(null, $"{label} expired at {token.ExpiresAt:u}; create a new one");
        }

        if (row.OwnerDisabledAt is not null)
        {
            return new ApiTokenValidation(null, $"{label} belongs to a disabled user; a platform admin can enable the user");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_tokens SET last_used_at = @now WHERE id = @Id", new { now = now.ToUnixTimeMilliseconds(), token.Id }, cancellationToken: cancellationToken));
            token = token with { LastUsedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()) };
        }

        return new ApiTokenValidation(token, null);
    }

    /// <summary>The tokens of <paramref name="ownerName"/>, revoked and expired ones included, newest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(string ownerName, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TokenRow>(new CommandDefinition(
            $"{Select} WHERE u.name = @owner ORDER BY t.id DESC",
            new { owner = AccessNames.Normalize(ownerName) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToToken()).ToList();
    }

    /// <summary>Revokes token <paramref name="tokenId"/> of <paramref name="ownerName"/>: it stops working at once. Revoking a revoked token changes nothing.</summary>
    /// <exception cref="AccessException">The owner has no token with that id (NotFound).</exception>
    public Task RevokeAsync(AuditActor actor, string ownerName, long tokenId, CancellationToken cancellationToken)
    {
        var owner = AccessNames.Normalize(ownerName);
        var entry = new AuditEntry(actor, "token.revoke", $"user/{owner}", AuditOutcome.Success, new JsonObject { ["tokenId"] = tokenId });
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var found = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = @tokenId AND u.name = @owner",
                new { tokenId, owner }, transaction, cancellationToken: cancellationToken));
            if (found == 0)
            {
                throw new AccessException(AccessErrorKind.NotFound, $"user \"{owner}\" has no API token {tokenId}; list the tokens to find its id");
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_tokens SET revoked_at = @now WHERE id = @tokenId AND revoked_at IS NULL",
                new { tokenId, now = _time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    private static string Hash(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    private sealed record TokenRow(long? OwnerDisabledAt, long Id, string OwnerName, string Name, long CreatedAt, long ExpiresAt, long? RevokedAt, long? LastUsedAt)
    {
        public ApiToken ToToken() => new(Id, OwnerName, Name, Time(CreatedAt), Time(ExpiresAt), RevokedAt is { } r ? Time(r) : null, LastUsedAt is { } l ? Time(l) : null);

        private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
