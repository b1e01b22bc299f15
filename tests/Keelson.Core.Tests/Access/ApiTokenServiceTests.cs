using System.Security.Cryptography;
using System.Text;
using Dapper;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Tests.Access;

public sealed class ApiTokenServiceTests
{
    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Create_ReturnsAPlaintextShownOnce_AndStoresOnlyItsHash(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");

        var created = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);

        Assert.Matches("^kls_[A-Za-z0-9_-]{43}$", created.Plaintext);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromDays(90), created.Token.ExpiresAt);
        await using var connection = await h.Database.OpenConnectionAsync(CancellationToken.None);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT token_hash FROM api_tokens");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Plaintext))), stored);
        var record = Assert.Single(await h.AuditRecordsAsync("token.create"));
        Assert.DoesNotContain(created.Plaintext, record.Details, StringComparison.Ordinal);
        Assert.Contains("\"tokenName\":\"ci\"", record.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Validate_WorksUntilTheTokenExpires(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var created = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", TimeSpan.FromDays(7), CancellationToken.None);

        h.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var lastMoment = await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);

        Assert.Equal("alice", lastMoment.Token!.OwnerName);
        Assert.False(expired.IsValid);
        Assert.Equal("API token \"ci\" of user \"alice\" expired at 2025-03-08 09:00:00Z; create a new one", expired.Failure);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Validate_AfterRevoke_IsRefused_AndTheNameIsFreeAgain(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var created = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);

        await h.Tokens.RevokeAsync(AccessHarness.Admin, "alice", created.Token.Id, CancellationToken.None);

        var refused = await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);
        Assert.StartsWith("API token \"ci\" of user \"alice\" was revoked at", refused.Failure, StringComparison.Ordinal);
        var replacement = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);
        Assert.True((await h.Tokens.ValidateAsync(replacement.Plaintext, CancellationToken.None)).IsValid);
        Assert.Equal(2, (await h.Tokens.ListAsync("alice", CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Validate_WhileTheOwnerIsDisabled_IsRefused(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var created = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);

        await h.Users.DisableAsync(AccessHarness.Admin, "alice", CancellationToken.None);
        var whileDisabled = await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);
        await h.Users.EnableAsync(AccessHarness.Admin, "alice", CancellationToken.None);
        var afterEnable = await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);

        Assert.Equal("API token \"ci\" of user \"alice\" belongs to a disabled user; a platform admin can enable the user", whileDisabled.Failure);
        Assert.True(afterEnable.IsValid);
    }

    [Theory]
    [InlineData("kls_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "the API token is not known to this Keelson server")]
    [InlineData("ghp_somethingelse", "the bearer token is not a Keelson API token (those start with kls_)")]
    [InlineData("", "the bearer token is not a Keelson API token")]
    public async Task Validate_WithSomethingThatIsNotAToken_SaysWhat(string presented, string failure)
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);

        var result = await h.Tokens.ValidateAsync(presented, CancellationToken.None);

        Assert.StartsWith(failure, result.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Validate_RecordsLastUseToTheMinute(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        var created = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);
        var firstUse = h.Time.GetUtcNow();

        await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(59));
        await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);
        var withinTheMinute = Assert.Single(await h.Tokens.ListAsync("alice", CancellationToken.None)).LastUsedAt;
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Tokens.ValidateAsync(created.Plaintext, CancellationToken.None);
        var aMinuteLater = Assert.Single(await h.Tokens.ListAsync("alice", CancellationToken.None)).LastUsedAt;

        Assert.Equal(firstUse, withinTheMinute);
        Assert.Equal(firstUse + TimeSpan.FromMinutes(1), aMinuteLater);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(366)]
    public async Task Create_WithALifetimeOutsideOneDayToAYear_IsRefused(int days)
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);
        await h.CreateUserAsync("alice");

        var error = await Assert.ThrowsAsync<AccessException>(() =>
            h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", TimeSpan.FromDays(days), CancellationToken.None));

        Assert.StartsWith("a token's lifetime must be more than zero and at most 365 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Create_WithANameInUse_IsAConflict(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AccessException>(() => h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None));

        Assert.Equal(AccessErrorKind.Conflict, error.Kind);
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Success], (await h.AuditRecordsAsync("token.create")).Select(r => r.Outcome));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Revoke_SomeoneElsesToken_IsNotFound(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        await h.CreateUserAsync("bob");
        var alices = await h.Tokens.CreateAsync(AccessHarness.Admin, "alice", "ci", null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AccessException>(() => h.Tokens.RevokeAsync(new AuditActor("bob", null), "bob", alices.Token.Id, CancellationToken.None));

        Assert.Equal(AccessErrorKind.NotFound, error.Kind);
        Assert.True((await h.Tokens.ValidateAsync(alices.Plaintext, CancellationToken.None)).IsValid);
    }
}
