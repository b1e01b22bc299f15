using System.CommandLine;
using Keelson.Server;
using Keelson.Storage.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Keelson.Cli;

/// <summary><c>keelson server</c>: the production form of the server.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A YAML settings file (keys: listen, database, data, metricsRequireToken, minimumPasswordLength, sessionLifetime)." };
        var listen = new Option<string?>("--listen") { Description = "Address and port to serve on (default 127.0.0.1:8080; KEELSON_LISTEN)." };
        var database = new Option<string?>("--database") { Description = "A SQLite file path or a PostgreSQL connection string (KEELSON_DATABASE; default DATA/keelson.db)." };
        var data = new Option<string?>("--data") { Description = "Directory for Keelson's files (KEELSON_DATA; default ~/.keelson)." };
        var command = new Command("server", """
            Run the Keelson server: REST API, console and the fleet's live view, on SQLite or
            PostgreSQL. Settings come from --config, then KEELSON_* environment variables, then flags
            (later wins); a wrong value stops the server with a message naming the key.

            Examples:
              keelson server --database /var/lib/keelson/keelson.db --listen 0.0.0.0:8080
              KEELSON_DATABASE='Host=db;Username=keelson;Password=...;Database=keelson' keelson server
            """)
        {
            config, listen, database, data,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            ServerSettings settings;
            try
            {
                settings = ServerSettingsLoader.Load(parse.GetValue(config)?.FullName, EnvironmentVariables(), s =>
                {
                    s.Listen = parse.GetValue(listen) ?? s.Listen;
                    s.Database = parse.GetValue(database) ?? s.Database;
                    s.Data = parse.GetValue(data) ?? s.Data;
                });
            }
            catch (SettingsException e)
            {
                await error.WriteLineAsync($"keelson server: {e.Message}");
                return ExitCodes.BadInput;
            }

            try
            {
                await using var app = await KeelsonServer.BuildAsync(settings, structuredLogs: true, ct);
                await app.StartAsync(ct);
                var output = parse.InvocationConfiguration.Output;
                var password = await KeelsonServer.EnsureInitialAdminAsync(app, settings, ct);
                await output.WriteLineAsync($"keelson server ready on http://{settings.Listen} ({app.Services.GetRequiredService<Storage.KeelsonDatabase>().Description})");
                await PrintInitialAdminAsync(output, password, settings, $"http://{settings.Listen}");
                await app.WaitForShutdownAsync(ct);
                return ExitCodes.Ok;
            }
            catch (MigrationException e)
            {
                await error.WriteLineAsync($"keelson server: {e.Message}");
                return ExitCodes.Failed;
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"keelson server: cannot listen on {settings.Listen}: {e.InnerException.Message} (pick another with --listen)");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>Prints the initial admin's password the one time it is created.</summary>
    public static async Task PrintInitialAdminAsync(TextWriter output, string? password, ServerSettings settings, string url)
    {
        if (password is null)
        {
            return;
        }

        await output.WriteLineAsync($"""

            Created the initial admin user. Its password is shown this once (and kept, readable by you only, in {Path.Combine(settings.Data, "initial-admin-password")}):

                admin / {password}

            Log in:  keelson login --server {url} --username admin
            Then change it: keelson user set-password admin
            """);
    }

    private static Dictionary<string, string?> EnvironmentVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
