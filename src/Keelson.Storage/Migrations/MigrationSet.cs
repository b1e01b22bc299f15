using System.Reflection;

namespace Keelson.Storage.Migrations;

/// <summary>
/// An ordered list of migrations for one dialect. Keelson's own are the files under
/// <c>Migrations/sqlite/</c> and <c>Migrations/postgres/</c> of this project, embedded at build:
/// a new capability adds its schema by adding the next numbered file to each folder.
/// </summary>
public sealed class MigrationSet
{
    /// <summary>Creates a set; versions must be unique.</summary>
    /// <exception cref="ArgumentException">Two migrations share a version.</exception>
    public MigrationSet(IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new ArgumentException(
                    $"migrations {ordered[i - 1].FileName} and {ordered[i].FileName} share version {ordered[i].Version}; " +
                    "renumber the newer one to the next free number", nameof(migrations));
            }
        }

        Migrations = ordered;
    }

    /// <summary>The migrations in ascending version order.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The highest version in the set, 0 when empty.</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>Keelson's built-in migrations for <paramref name="dialect"/>.</summary>
    public static MigrationSet BuiltIn(DatabaseDialect dialect)
    {
        // Resource names are set in the .csproj to "Migrations/<dialect>/<file>".
        var prefix = $"Migrations/{DialectFolder(dialect)}/";
        var assembly = typeof(MigrationSet).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            migrations.Add(Migration.Parse(resource, ReadResource(assembly, resource)));
        }

        return new MigrationSet(migrations);
    }

    /// <summary>The folder name migrations of <paramref name="dialect"/> live in: <c>sqlite</c> or <c>postgres</c>.</summary>
    public static string DialectFolder(DatabaseDialect dialect) => dialect switch
    {
        DatabaseDialect.Sqlite => "sqlite",
        DatabaseDialect.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unknown dialect"),
    };

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
