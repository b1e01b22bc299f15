using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>
/// Local users: create, read, disable and enable, set passwords (hashed with ASP.NET Core's
/// <see cref="PasswordHasher{TUser}"/>), and the initial <c>admin</c>. Every change is audited in
/// the same transaction. Thread-safe singleton; callers authorize (platform admin) first.
/// </summary>
public sealed class UserService
{
    /// <summary>The file in the data directory that holds the initial admin password.</summary>
    public const string InitialAdminPasswordFile = "initial-admin-password";

    /// <summary>The name of the user created on first start.</summary>
    public const string InitialAdminName = "admin";

    private const string Columns =
        "id AS Id, name AS Name, created_at AS CreatedAt, password_changed_at AS PasswordChangedAt, disabled_at AS DisabledAt";

    private readonly KeelsonDatabase _database;
    private readonly AuditLog _audit;
    private readonly AuditedChange _change;
    private readonly IPasswordHasher<User> _hasher;
    private readonly AccessOptions _options;
    private readonly TimeProvider _time;
    private readonly Lazy<string> _decoyHash;

    /// <summary>Creates the service (normally through <c>AddKeelsonAccess</c>).</summary>
    public UserService(KeelsonDatabase database, AuditLog audit, IPasswordHasher<User> hasher, IOptions<AccessOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _audit = audit;
        _change = new AuditedChange(database, audit);
        _hasher = hasher;
        _options = options.Value;
        _time = time;
        // Unknown users are checked against this, so a wrong name costs as long as a wrong password.
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(Placeholder, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))));
    }

    // PasswordHasher ignores the user it is given; the API just asks for one.
    private static User Placeholder { get; } = new(0, "", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    /// <summary>Creates an enabled user.</summary>
    /// <exception cref="AccessException">The name or password is not acceptable (Invalid), or the user exists (Conflict).</exception>
    public Task<User> CreateAsync(AuditActor actor, string name, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var userName = AccessNames.Check("user", name);
        CheckPassword(password);
        var hash = _hasher.HashPassword(Placeholder, password);
        return _change.RunAsync(new AuditEntry(actor, "user.create", $"user/{userName}", AuditOutcome.Success),
            (connection, transaction) => InsertAsync(connection, transaction, userName, hash, cancellationToken), cancellationToken);
    }

    /// <summary>The user named <paramref name="name"/> (case-insensitive), or null.</summary>
    public async Task<User?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE name = @name", new { name = AccessNames.Normalize(name) }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    /// <summary>All users, by name.</summary>
    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition($"SELECT {Columns} FROM users ORDER BY name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUser()).ToList();
    }

    /// <summary>
    /// Disables a user: they cannot sign in, their console sessions end now, and their API tokens are
    /// refused until they are enabled again. Disabling a disabled user changes nothing.
    /// </summary>
    /// <exception cref="AccessException">The user does not exist (NotFound).</exception>
    public Task DisableAsync(AuditActor actor, string name, CancellationToken cancellationToken)
    {
        var userName = AccessNames.Normalize(name);
        return _change.RunAsync(new AuditEntry(actor, "user.disable", $"user/{userName}", AuditOutcome.Success), async (connection, transaction) =>
        {
            var id = await RequireIdAsync(connection, transaction, userName, cancellationToken);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET disabled_at = @now WHERE id = @id AND disabled_at IS NULL", new { id, now }, transaction, cancellationToken: cancellationToken));
            await SessionService.RevokeAllAsync(connection, transaction, id, now, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Enables a disabled user again (their unexpired, unrevoked tokens work again).</summary>
    /// <exception cref="AccessException">The user does not exist (NotFound).</exception>
    public Task EnableAsync(AuditActor actor, string name, CancellationToken cancellationToken)
    {
        var userName = AccessNames.Normalize(name);
        return _change.RunAsync(new AuditEntry(actor, "user.enable", $"user/{userName}", AuditOutcome.Success), async (connection, transaction) =>
        {
            var id = await RequireIdAsync(connection, transaction, userName, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET disabled_at = NULL WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Sets a new password and ends the user's console sessions (API tokens stay valid).</summary>
    /// <exception cref="AccessException">The password is not acceptable (Invalid) or the user does not exist (NotFound).</exception>
    public Task SetPasswordAsync(AuditActor actor, string name, string password, CancellationToken cancellationToken)
    {
        CheckPassword(password);
        var userName = AccessNames.Normalize(name);
        var hash = _hasher.HashPassword(Placeholder, password);
        return _change.RunAsync(new AuditEntry(actor, "user.password", $"user/{userName}", AuditOutcome.Success), async (connection, transaction) =>
        {
            var id = await RequireIdAsync(connection, transaction, userName, cancellationToken);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET password_hash = @hash, password_changed_at = @now WHERE id = @id", new { id, hash, now }, transaction, cancellationToken: cancellationToken));
            await SessionService.RevokeAllAsync(connection, transaction, id, now, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// On first start (no user at all), creates <c>admin</c> with a generated password and admin on
    /// the platform and on all clusters, and writes the password to
    /// <c><paramref name="dataDirectory"/>/initial-admin-password</c>, readable by its owner only (0600),
    /// as Argo CD does with its initial admin secret. Safe to call on every start and from several replicas.
    /// </summary>
    /// <returns>The password, the one time it is created (print it once); null when users already exist.</returns>
    public async Task<string?> EnsureInitialAdminAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = Path.Combine(dataDirectory, InitialAdminPasswordFile);
        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var hash = _hasher.HashPassword(Placeholder, password);
        var entry = new AuditEntry(AuditActor.System, "user.create", $"user/{InitialAdminName}", AuditOutcome.Success,
            new JsonObject { ["initialAdmin"] = true, ["grants"] = new JsonArray("admin on the platform", "admin on all clusters") });
        try
        {
            var created = await _database.InTransactionAsync(async (connection, transaction) =>
            {
                var users = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", transaction: transaction, cancellationToken: cancellationToken));
                if (users > 0)
                {
                    return false;
                }

                var admin = await InsertAsync(connection, transaction, InitialAdminName, hash, cancellationToken);
                var subject = GrantSubject.User(InitialAdminName);
                await GrantService.InsertAsync(connection, transaction, subject, admin.Id, Role.Admin, GrantScope.Platform, AuditActor.System.Name, admin.CreatedAt, cancellationToken);
                await GrantService.InsertAsync(connection, transaction, subject, admin.Id, Role.Admin, GrantScope.AllClusters, AuditActor.System.Name, admin.CreatedAt, cancellationToken);
                await _audit.AppendAsync(entry, connection, transaction, cancellationToken);
                // Written before commit, so a failed commit never leaves a user whose password nobody has.
                await WriteOwnerOnlyAsync(path, password + "\n", cancellationToken);
                return true;
            }, cancellationToken);
            return created ? password : null;
        }
        catch (AccessException e) when (e.Kind == AccessErrorKind.Conflict)
        {
            // Another replica created the admin first; its data directory has the password.
            return null;
        }
    }

    /// <summary>
    /// Checks a password. Upgrades the stored hash when the hasher asks for it. Unknown users take as
    /// long as wrong passwords, so the answer time does not reveal which names exist.
    /// </summary>
    internal async Task<User?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserWithHash>(new CommandDefinition(
            $"SELECT {Columns}, password_hash AS PasswordHash FROM users WHERE name = @userName", new { userName }, cancellationToken: cancellationToken));
        if (row is null)
        {
            _hasher.VerifyHashedPassword(Placeholder, _decoyHash.Value, password);
            return null;
        }

        var result = _hasher.VerifyHashedPassword(Placeholder, row.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Only if unchanged meanwhile: a concurrent password change must win.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET password_hash = @fresh WHERE id = @Id AND password_hash = @PasswordHash",
                new { fresh = _hasher.HashPassword(Placeholder, password), row.Id, row.PasswordHash }, cancellationToken: cancellationToken));
        }

        return new UserRow(row.Id, row.Name, row.CreatedAt, row.PasswordChangedAt, row.DisabledAt).ToUser();
    }

    internal static async Task<long> RequireIdAsync(DbConnection connection, DbTransaction? transaction, string userName, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM users WHERE name = @userName", new { userName }, transaction, cancellationToken: cancellationToken));
        return id ?? throw new AccessException(AccessErrorKind.NotFound, $"user \"{userName}\" does not exist");
    }

    private async Task<User> InsertAsync(DbConnection connection, DbTransaction transaction, string userName, string hash, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO users (name, password_hash, created_at, password_changed_at) VALUES (@userName, @hash, @now, @now) RETURNING id",
                new { userName, hash, now }, transaction, cancellationToken: cancellationToken));
            return new UserRow(id, userName, now, now, null).ToUser();
        }
        catch (DbException e) when (KeelsonDatabase.IsUniqueViolation(e))
        {
            throw new AccessException(AccessErrorKind.Conflict, $"user \"{userName}\" already exists");
        }
    }

    private void CheckPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < _options.MinimumPasswordLength)
        {
            throw new AccessException(AccessErrorKind.Invalid,
                $"the password is too short: use at least {_options.MinimumPasswordLength} characters (a few words make a good one)");
        }

        if (password.Length > 1024)
        {
            throw new AccessException(AccessErrorKind.Invalid, "the password is longer than 1024 characters");
        }
    }

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A file left by an earlier, rolled-back start may carry other permissions: start afresh.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }

    private sealed record UserRow(long Id, string Name, long CreatedAt, long PasswordChangedAt, long? DisabledAt)
    {
        public User ToUser() => new(
            Id,
            Name,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(PasswordChangedAt),
            DisabledAt is { } disabled ? DateTimeOffset.FromUnixTimeMilliseconds(disabled) : null);
    }

    private sealed record UserWithHash(long Id, string Name, long CreatedAt, long PasswordChangedAt, long? DisabledAt, string PasswordHash);
}
