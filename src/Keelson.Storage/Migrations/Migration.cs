using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Keelson.Storage.Migrations;

/// <summary>
/// One numbered schema change: the contents of a file named <c>NNNN_name.sql</c>. Applied once,
/// in its own transaction, and recorded in <c>schema_migrations</c> with its checksum.
/// </summary>
public sealed partial class Migration
{
    private Migration(int version, string name, string sql)
    {
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
    }

    /// <summary>The number in the file name: migrations run in ascending order of it.</summary>
    public int Version { get; }

    /// <summary>The file name without number and extension, e.g. <c>foundation</c>.</summary>
    public string Name { get; }

    /// <summary>The statements, with line endings normalized to <c>\n</c>.</summary>
    public string Sql { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Sql"/>: a recorded migration whose file changed is refused.</summary>
    public string Checksum { get; }

    /// <summary>The file name this migration came from, e.g. <c>0001_foundation.sql</c>.</summary>
    public string FileName => $"{Version.ToString("D4", CultureInfo.InvariantCulture)}_{Name}.sql";

    /// <summary>Reads a migration from its file name and contents.</summary>
    /// <param name="fileName">The file name, <c>NNNN_name.sql</c> (a directory part is ignored).</param>
    /// <param name="sql">The file's contents.</param>
    /// <exception cref="FormatException">The file name does not follow <c>NNNN_name.sql</c>.</exception>
    public static Migration Parse(string fileName, string sql)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(sql);
        var match = FileNamePattern().Match(Path.GetFileName(fileName));
        if (!match.Success)
        {
            throw new FormatException(
                $"migration file \"{fileName}\" is not named NNNN_name.sql (four or more digits, an underscore, " +
                "lower-case words joined by underscores), e.g. 0002_clusters.sql");
        }

        // Checksums must not depend on how git checked the file out.
        var normalized = sql.ReplaceLineEndings("\n");
        return new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, normalized);
    }

    /// <inheritdoc/>
    public override string ToString() => FileName;

    [GeneratedRegex("^(?<version>[0-9]{4,9})_(?<name>[a-z0-9]+(_[a-z0-9]+)*)\\.sql$")]
    private static partial Regex FileNamePattern();
}
