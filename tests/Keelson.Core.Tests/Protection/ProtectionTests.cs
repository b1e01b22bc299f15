using System.Security.Cryptography;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Core.Protection;
using Keelson.Storage;
using Keelson.Storage.Tests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Protection;

public sealed class ProtectionTests
{
    private const string Secret = "client-key-data: LS0tLS1CRUdJTi...";

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Protect_ThenRestart_UnprotectsWithTheKeyRingKeptInTheDatabase(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;
        string payload;
        await using (var first = Services(database))
        {
            payload = Protector(first).Protect(Secret);
        }

        await using var restarted = Services(test.Open());

        Assert.Equal(Secret, Protector(restarted).Unprotect(payload));
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys"));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Rotate_MakesANewDefaultKey_AndPayloadsOfBothKeysStillUnprotectAfterRestart(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;
        string before, after;
        ProtectionKey rotated;
        await using (var services = Services(database))
        {
            before = Protector(services).Protect(Secret + "1");
            var keyRing = services.GetRequiredService<KeyRing>();
            var original = Assert.Single(keyRing.List());
            rotated = await keyRing.RotateAsync(new AuditActor("root", null), CancellationToken.None);
            after = Protector(services).Protect(Secret + "2");

            Assert.NotEqual(original.Id, rotated.Id);
            Assert.Equal(rotated.Id, keyRing.List().Single(k => k.IsDefault).Id);
        }

        await using var restarted = Services(test.Open());

        Assert.Equal(Secret + "1", Protector(restarted).Unprotect(before));
        Assert.Equal(Secret + "2", Protector(restarted).Unprotect(after));
        Assert.Equal(2, restarted.GetRequiredService<KeyRing>().List().Count);
        var record = Assert.Single((await restarted.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "protection.rotate" }, CancellationToken.None)).Records);
        Assert.Equal($"key/{rotated.Id}", record.Target);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Rotate_OnOneReplica_LetsARunningReplicaUnprotectTheNewKeysPayloads(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;
        await using var replicaA = Services(database);
        await using var replicaB = Services(test.Open());
        var warmUp = Protector(replicaA).Protect(Secret);
        Assert.Equal(Secret, Protector(replicaB).Unprotect(warmUp));

        await replicaA.GetRequiredService<KeyRing>().RotateAsync(AuditActor.System, CancellationToken.None);
        var payload = Protector(replicaA).Protect(Secret);

        Assert.Equal(Secret, Protector(replicaB).Unprotect(payload));
    }

    [Fact]
    public async Task Unprotect_WithAnotherPurpose_Fails()
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(DatabaseDialect.Sqlite);
        await using var _ = test;
        await using var services = Services(database);
        var payload = Protector(services).Protect(Secret);

        var other = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Keelson.Something.Else.v1");

        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(payload));
    }

    [Fact]
    public async Task KeyDirectory_KeepsTheKeyRingInFiles_AcrossRestarts()
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(DatabaseDialect.Sqlite);
        await using var _ = test;
        var keys = Path.Combine(test.Directory, "keys");
        string payload;
        await using (var first = Services(database, keys))
        {
            payload = Protector(first).Protect(Secret);
        }

        await using var restarted = Services(database, keys);

        Assert.Equal(Secret, Protector(restarted).Unprotect(payload));
        Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys"));
    }

    private static ServiceProvider Services(KeelsonDatabase database, string? keyDirectory = null) =>
        new ServiceCollection()
            .AddLogging(l => l.ClearProviders())
            .AddSingleton(database)
            .AddKeelsonProtection(keyDirectory)
            .BuildServiceProvider();

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectionPurposes.ClusterCredentials);
}
