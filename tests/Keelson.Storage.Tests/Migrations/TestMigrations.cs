using Keelson.Storage.Migrations;

namespace Keelson.Storage.Tests.Migrations;

/// <summary>Migration sets written for tests, under <c>testdata/&lt;set&gt;/&lt;dialect&gt;/</c>.</summary>
internal static class TestMigrations
{
    public static MigrationSet Load(string set, DatabaseDialect dialect)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "testdata", set, MigrationSet.DialectFolder(dialect));
        return new MigrationSet(Directory.GetFiles(directory, "*.sql").Select(f => Migration.Parse(f, File.ReadAllText(f))));
    }
}
