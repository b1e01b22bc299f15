using Dapper;
using Keelson.Storage.Migrations;

namespace Keelson.Storage.Tests.Migrations;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_OnEmptyDatabase_CreatesTheSchemaAndRecordsEachMigration(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var database = test.Open();

        var applied = await database.MigrateAsync(CancellationToken.None);

        var builtIn = MigrationSet.BuiltIn(dialect);
        Assert.Equal(builtIn.Migrations.Select(m => m.FileName), applied.Select(m => m.FileName));
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var recorded = (await connection.QueryAsync<(long Version, string Name, string Checksum)>(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(builtIn.Migrations.Select(m => (long)m.Version), recorded.Select(r => r.Version));
        Assert.Equal(builtIn.Migrations.Select(m => m.Checksum), recorded.Select(r => r.Checksum));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_WhenCurrent_AppliesNothing(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        await test.Open().MigrateAsync(CancellationToken.None);

        var second = await test.Open().MigrateAsync(CancellationToken.None);

        Assert.Empty(second);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_DatabaseOfAnEarlierVersion_UpgradesAndKeepsItsRows(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var full = TestMigrations.Load("migrations", dialect);
        var earlier = new MigrationSet(full.Migrations.Take(full.Migrations.Count - 1));
        var old = test.Open();
        await old.MigrateAsync(earlier, CancellationToken.None);
        await using (var connection = await old.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO widgets (id, name, colour) VALUES (1, 'sprocket', 'red'), (2, 'gear', 'grey')");
        }

        var applied = await test.Open().MigrateAsync(full, CancellationToken.None);

        Assert.Equal(["0003_widget_labels.sql"], applied.Select(m => m.FileName));
        await using var after = await test.Open().OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(["gear", "sprocket"], await after.QueryAsync<string>("SELECT name FROM widgets ORDER BY name"));
        Assert.Equal(["gear/grey", "sprocket/red"], await after.QueryAsync<string>("SELECT label FROM widget_labels ORDER BY label"));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_ADatabaseCreatedByTheFirstRelease_AppliesOnlyTheLaterFilesAndKeepsUsers(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var current = MigrationSet.BuiltIn(dialect);
        var firstRelease = new MigrationSet(current.Migrations.Where(m => m.Version == 1));
        var released = test.Open();
        await released.MigrateAsync(firstRelease, CancellationToken.None);
        await using (var connection = await released.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO users (name, password_hash, created_at, password_changed_at) VALUES ('alice', 'x', 0, 0)");
        }

        var upgraded = test.Open();
        var applied = await upgraded.MigrateAsync(current, CancellationToken.None);

        Assert.Equal(current.Migrations.Where(m => m.Version > 1).Select(m => m.FileName), applied.Select(m => m.FileName));
        Assert.Contains("0002_clusters.sql", applied.Select(m => m.FileName));
        await using var after = await upgraded.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("alice", await after.ExecuteScalarAsync<string>("SELECT name FROM users"));
        Assert.Empty(await upgraded.MigrateAsync(current, CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_WhenAnAppliedFileWasEdited_RefusesAndNamesTheFile(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var released = TestMigrations.Load("migrations", dialect);
        await test.Open().MigrateAsync(released, CancellationToken.None);
        var edited = new MigrationSet(released.Migrations.Select(m => m.Version == 2
            ? Migration.Parse(m.FileName, m.Sql.Replace("'grey'", "'blue'", StringComparison.Ordinal))
            : m));

        var error = await Assert.ThrowsAsync<MigrationException>(() => test.Open().MigrateAsync(edited, CancellationToken.None));

        Assert.Contains("0002_widget_colours.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("edited after it was released", error.Message, StringComparison.Ordinal);
        Assert.Contains("new, higher-numbered migration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_WhenTheDatabaseIsNewerThanTheCode_Refuses(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var newer = TestMigrations.Load("migrations", dialect);
        await test.Open().MigrateAsync(newer, CancellationToken.None);
        var older = new MigrationSet(newer.Migrations.Take(2));

        var error = await Assert.ThrowsAsync<MigrationException>(() => test.Open().MigrateAsync(older, CancellationToken.None));

        Assert.Contains("has schema version 3 (widget_labels)", error.Message, StringComparison.Ordinal);
        Assert.Contains("only knows versions up to 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run that version of Keelson", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_WhenAMigrationFails_KeepsNothingOfItAndSaysWhichFile(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var set = new MigrationSet(TestMigrations.Load("migrations", dialect).Migrations.Take(1)
            .Concat(TestMigrations.Load("failing", dialect).Migrations));
        var database = test.Open();

        var error = await Assert.ThrowsAsync<MigrationException>(() => database.MigrateAsync(set, CancellationToken.None));

        Assert.Contains("0002_half_done.sql failed", error.Message, StringComparison.Ordinal);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal([1L], await connection.QueryAsync<long>("SELECT version FROM schema_migrations"));
        var gadgets = dialect == DatabaseDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE name = 'gadgets'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'gadgets'";
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(gadgets));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Migrate_FromSeveralReplicasAtOnce_AppliesEachMigrationOnce(DatabaseDialect dialect)
    {
        await using var test = await TestDatabase.CreateEmptyAsync(dialect);
        var set = TestMigrations.Load("migrations", dialect);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => test.Open().MigrateAsync(set, CancellationToken.None))));

        Assert.Equal(3, runs.Sum(r => r.Count));
        await using var connection = await test.Open().OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void BuiltInMigrations_ExistForBothDialectsWithTheSameNumbersAndNames()
    {
        var sqlite = MigrationSet.BuiltIn(DatabaseDialect.Sqlite).Migrations.Select(m => m.FileName).ToList();
        var postgres = MigrationSet.BuiltIn(DatabaseDialect.Postgres).Migrations.Select(m => m.FileName).ToList();

        Assert.Contains("0001_foundation.sql", sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Theory]
    [InlineData("1_short.sql")]
    [InlineData("0002-dashes.sql")]
    [InlineData("0002_Upper.sql")]
    [InlineData("0002_name.txt")]
    public void Parse_WithAMisnamedFile_SaysHowToNameIt(string fileName)
    {
        var error = Assert.Throws<FormatException>(() => Migration.Parse(fileName, "SELECT 1;"));

        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("NNNN_name.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_DoesNotDependOnLineEndings()
    {
        var unix = Migration.Parse("0001_a.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n");
        var windows = Migration.Parse("0001_a.sql", "CREATE TABLE a (id INT);\r\nCREATE TABLE b (id INT);\r\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
    }

    [Fact]
    public void MigrationSet_WithTwoFilesOfOneVersion_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MigrationSet(
        [
            Migration.Parse("0002_clusters.sql", "SELECT 1;"),
            Migration.Parse("0002_flows.sql", "SELECT 2;"),
        ]));

        Assert.Contains("share version 2", error.Message, StringComparison.Ordinal);
    }
}
