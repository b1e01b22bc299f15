using System.Globalization;
using Npgsql;

namespace Keelson.Storage;

/// <summary>
/// Turns a libpq-style URL (<c>postgres://user:password@host:port/database?sslmode=require</c>)
/// into Npgsql's keyword form, which is the only one Npgsql reads.
/// </summary>
internal static class PostgresUrl
{
    // The libpq parameters people put in URLs, under the names Npgsql gives them.
    private static readonly Dictionary<string, string> LibpqKeywords = new()
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
    };

    public static bool IsUrl(string setting) =>
        setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static string ToConnectionString(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string? query = null;
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        string? database = null;
        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        if (pathStart >= 0)
        {
            database = Uri.UnescapeDataString(rest[(pathStart + 1)..]);
            rest = rest[..pathStart];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        // The last '@' separates credentials from hosts: passwords may contain '@' when not escaped.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        if (rest.Length == 0)
        {
            throw new FormatException(
                "the PostgreSQL URL has no host; write it as postgres://user:password@host:5432/database");
        }

        var hosts = Uri.UnescapeDataString(rest);
        // Npgsql accepts "host1:5432,host2:5433" itself, so several hosts pass through unchanged.
        var portStart = hosts.StartsWith('[') ? hosts.IndexOf("]:", StringComparison.Ordinal) + 1 : hosts.LastIndexOf(':');
        if (!hosts.Contains(',', StringComparison.Ordinal) && portStart > 0 &&
            int.TryParse(hosts[(portStart + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            builder.Port = port;
            hosts = hosts[..portStart].Trim('[', ']');
        }

        builder.Host = hosts;
        if (!string.IsNullOrEmpty(database))
        {
            builder.Database = database;
        }

        foreach (var pair in (query ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "";
            var keyword = LibpqKeywords.GetValueOrDefault(key.ToLowerInvariant(), key.Replace('_', ' '));
            try
            {
                builder[keyword] = value;
            }
            catch (ArgumentException e)
            {
                throw new FormatException(
                    $"the PostgreSQL URL has the parameter \"{key}\", which Npgsql does not know ({e.Message}); " +
                    "use the keyword form (Host=...;Username=...) for Npgsql-specific settings", e);
            }
        }

        return builder.ConnectionString;
    }
}
