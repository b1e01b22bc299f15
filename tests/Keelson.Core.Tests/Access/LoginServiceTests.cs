using Dapper;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Tests.Access;

public sealed class LoginServiceTests
{
    private const string Wrong = "not the password at all";

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task WrongPassword_IsRefusedCountedAndAudited(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");

        var result = await h.Login.CheckPasswordAsync("alice", Wrong, "192.0.2.7", CancellationToken.None);

        Assert.Equal((LoginOutcome.WrongCredentials, "wrong user name or password"), (result.Outcome, result.Message));
        await using var connection = await h.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM login_failures WHERE user_name = 'alice' AND source_ip = '192.0.2.7'"));
        var record = Assert.Single(await h.AuditRecordsAsync("login"));
        Assert.Equal(("anonymous", "192.0.2.7", "user/alice", AuditOutcome.Failed), (record.Actor, record.SourceIp, record.Target, record.Outcome));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task UnknownUser_GetsTheSameAnswerAsAWrongPassword(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        var result = await h.Login.CheckPasswordAsync("nobody", AccessHarness.Password, null, CancellationToken.None);

        Assert.Equal((LoginOutcome.WrongCredentials, "wrong user name or password"), (result.Outcome, result.Message));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task AfterFiveFailures_EvenTheRightPasswordIsRefusedWithTheWait(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        LoginResult fifth = null!;
        for (var i = 0; i < 5; i++)
        {
            fifth = await h.Login.CheckPasswordAsync("alice", Wrong, null, CancellationToken.None);
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var refused = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None);

        Assert.Equal("wrong user name or password; too many failed sign-ins for user \"alice\": try again in 30 seconds", fifth.Message);
        Assert.Equal(LoginOutcome.Throttled, refused.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(29), refused.RetryAfter);
        Assert.Equal("too many failed sign-ins for user \"alice\"; try again in 29 seconds", refused.Message);
        Assert.Equal(AuditOutcome.Denied, (await h.AuditRecordsAsync("login"))[0].Outcome);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Lockout_DoublesWithEachFurtherFailure_AndEndsAfterTheWait(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        for (var i = 0; i < 5; i++)
        {
            await h.Login.CheckPasswordAsync("alice", Wrong, null, CancellationToken.None);
        }

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var sixth = await h.Login.CheckPasswordAsync("alice", Wrong, null, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var stillLocked = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var afterTheWait = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(60), sixth.RetryAfter);
        Assert.Equal(LoginOutcome.Throttled, stillLocked.Outcome);
        Assert.True(afterTheWait.Succeeded);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task ManyFailuresFromOneAddress_LockThatAddressForEveryUser(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        for (var i = 0; i < 20; i++)
        {
            await h.Login.CheckPasswordAsync($"guess{i}", Wrong, "198.51.100.9", CancellationToken.None);
        }

        var fromThere = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, "198.51.100.9", CancellationToken.None);
        var fromElsewhere = await h.Login.CheckPasswordAsync("alice", AccessHarness.Password, "203.0.113.4", CancellationToken.None);

        Assert.Equal("too many failed sign-ins from 198.51.100.9; try again in 30 seconds", fromThere.Message);
        Assert.True(fromElsewhere.Succeeded);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Success_ForgetsEarlierFailuresOfTheUser_AndIsAudited(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await h.CreateUserAsync("alice");
        for (var i = 0; i < 4; i++)
        {
            await h.Login.CheckPasswordAsync("alice", Wrong, null, CancellationToken.None);
        }

        Assert.True((await h.Login.CheckPasswordAsync("ALICE", AccessHarness.Password, "192.0.2.1", CancellationToken.None)).Succeeded);
        var nextFailure = await h.Login.CheckPasswordAsync("alice", Wrong, null, CancellationToken.None);

        Assert.Equal("wrong user name or password", nextFailure.Message);
        var success = (await h.Audit.QueryAsync(new AuditQuery { Action = "login", Outcome = AuditOutcome.Success }, CancellationToken.None)).Records;
        Assert.Equal(("alice", "192.0.2.1"), (Assert.Single(success).Actor, success[0].SourceIp));
    }
}
