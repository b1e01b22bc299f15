using Dapper;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Tests.Access;

public sealed class UserServiceTests
{
    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Create_ThenGet_FindsTheUserUnderItsLowerCaseName(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        var created = await h.Users.CreateAsync(AccessHarness.Admin, "Alice@Example.com", AccessHarness.Password, CancellationToken.None);

        var found = await h.Users.GetAsync("ALICE@example.com", CancellationToken.None);
        Assert.Equal("alice@example.com", created.Name);
        Assert.Equal(created, found);
        Assert.False(found!.IsDisabled);
        var record = Assert.Single(await h.AuditRecordsAsync("user.create"));
        Assert.Equal(("root", "10.0.0.1", "user/alice@example.com", AuditOutcome.Success), (record.Actor, record.SourceIp, record.Target, record.Outcome));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Create_WithATakenName_IsAConflictAndIsAuditedAsFailed(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");

        var error = await Assert.ThrowsAsync<AccessException>(() => h.CreateUserAsync("alice"));

        Assert.Equal(AccessErrorKind.Conflict, error.Kind);
        Assert.Equal("user \"alice\" already exists", error.Message);
        var records = await h.AuditRecordsAsync("user.create");
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Success], records.Select(r => r.Outcome));
        Assert.Contains("already exists", records[0].Details, StringComparison.Ordinal);
        Assert.Single(await h.Users.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-alice")]
    [InlineData("alice smith")]
    [InlineData("system:keelson")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234x")]
    public async Task Create_WithAnInvalidName_SaysWhatNamesMayContain(string name)
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);

        var error = await Assert.ThrowsAsync<AccessException>(() => h.CreateUserAsync(name));

        Assert.Equal(AccessErrorKind.Invalid, error.Kind);
        Assert.Contains($"user name \"{name}\" is not valid: use 1 to 64 lower-case letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAShortPassword_SaysTheMinimumLength()
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);

        var error = await Assert.ThrowsAsync<AccessException>(() => h.Users.CreateAsync(AccessHarness.Admin, "alice", "hunter2", CancellationToken.None));

        Assert.Equal("the password is too short: use at least 12 characters (a few words make a good one)", error.Message);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task SetPassword_MakesTheOldOneFailAndEndsSessions(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var session = await SignInAsync(h, "alice");

        await h.Users.SetPasswordAsync(AccessHarness.Admin, "alice", "a brand new passphrase", CancellationToken.None);

        Assert.Null(await h.Sessions.ValidateAsync(session.Id, CancellationToken.None));
        Assert.Equal(LoginOutcome.WrongCredentials, (await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None)).Outcome);
        Assert.True((await h.Login.CheckPasswordAsync("alice", "a brand new passphrase", null, CancellationToken.None)).Succeeded);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Disable_EndsSessionsAndRefusesSignIn_UntilEnabled(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var session = await SignInAsync(h, "alice");

        await h.Users.DisableAsync(AccessHarness.Admin, "alice", CancellationToken.None);

        Assert.True((await h.Users.GetAsync("alice", CancellationToken.None))!.IsDisabled);
        Assert.Null(await h.Sessions.ValidateAsync(session.Id, CancellationToken.None));
        var refused = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None);
        Assert.Equal(LoginOutcome.Disabled, refused.Outcome);
        Assert.Equal("user \"alice\" is disabled; a platform admin can enable it", refused.Message);

        await h.Users.EnableAsync(AccessHarness.Admin, "alice", CancellationToken.None);

        Assert.True((await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None)).Succeeded);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Disable_OfAnUnknownUser_IsNotFound(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        var error = await Assert.ThrowsAsync<AccessException>(() => h.Users.DisableAsync(AccessHarness.Admin, "nobody", CancellationToken.None));

        Assert.Equal((AccessErrorKind.NotFound, "user \"nobody\" does not exist"), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task SignIn_WithAHashInAnOlderFormat_WorksAndUpgradesTheStoredHash(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var v2 = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        await using (var connection = await h.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE users SET password_hash = @hash WHERE name = 'alice'",
                new { hash = v2.HashPassword(null!, AccessHarness.Password) });
        }

        var result = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None);

        Assert.True(result.Succeeded);
        await using var check = await h.Database.OpenConnectionAsync(CancellationToken.None);
        var stored = await check.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE name = 'alice'");
        Assert.Equal(0x01, Convert.FromBase64String(stored!)[0]); // the identity v3 format marker
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task EnsureInitialAdmin_OnFirstStart_CreatesAdminWithAPasswordFileOnlyItsOwnerCanRead(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var dataDirectory = Path.Combine(h.Test.Directory, "data");

        var password = await h.Users.EnsureInitialAdminAsync(dataDirectory, CancellationToken.None);

        Assert.NotNull(password);
        var file = Path.Combine(dataDirectory, "initial-admin-password");
        Assert.Equal(password + "\n", await File.ReadAllTextAsync(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.True((await h.Login.CheckPasswordAsync("admin", password, null, CancellationToken.None)).Succeeded);
        var access = await h.Authorizer.GetAccessAsync("admin", CancellationToken.None);
        Assert.True(access.AuthorizePlatform(Role.Admin).IsAllowed);
        Assert.True(access.Authorize(Role.Admin, new ClusterTarget("any-cluster")).IsAllowed);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task EnsureInitialAdmin_OnLaterStarts_ChangesNothing(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var dataDirectory = Path.Combine(h.Test.Directory, "data");
        var first = await h.Users.EnsureInitialAdminAsync(dataDirectory, CancellationToken.None);

        var second = await h.Users.EnsureInitialAdminAsync(dataDirectory, CancellationToken.None);

        Assert.Null(second);
        Assert.Equal(first + "\n", await File.ReadAllTextAsync(Path.Combine(dataDirectory, "initial-admin-password")));
        Assert.Single(await h.Users.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task EnsureInitialAdmin_WhenUsersAlreadyExist_CreatesNoAdminAndNoFile(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var dataDirectory = Path.Combine(h.Test.Directory, "data");

        Assert.Null(await h.Users.EnsureInitialAdminAsync(dataDirectory, CancellationToken.None));

        Assert.False(File.Exists(Path.Combine(dataDirectory, "initial-admin-password")));
        Assert.Null(await h.Users.GetAsync("admin", CancellationToken.None));
    }

    private static async Task<LoginSession> SignInAsync(AccessHarness h, string user)
    {
        // The session half of a console sign-in, without HTTP (the HTTP half is tested in AuthenticationTests).
        var result = await h.Database.InTransactionAsync(async (c, t) =>
        {
            var found = (await h.Users.GetAsync(user, CancellationToken.None))!;
            return await h.Sessions.CreateAsync(c, t, found, "10.0.0.2", CancellationToken.None);
        }, CancellationToken.None);
        Assert.NotNull(await h.Sessions.ValidateAsync(result.Id, CancellationToken.None));
        return result;
    }
}
