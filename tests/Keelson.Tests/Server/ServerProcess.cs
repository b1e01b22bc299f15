using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Keelson.Tests.Server;

/// <summary>A running <c>keelson server</c> (the real executable) on SQLite or PostgreSQL, with its admin logged in.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly RunningProcess _process;
    private readonly TestDatabase _database;

    private ServerProcess(RunningProcess process, TestDatabase database, string data, Uri url, string adminPassword)
    {
        _process = process;
        _database = database;
        Data = data;
        Url = url;
        AdminPassword = adminPassword;
    }

    public string Data { get; }

    public Uri Url { get; }

    public string AdminPassword { get; private set; }

    /// <summary>Where this server's CLI keeps its login (its own, so tests do not share tokens).</summary>
    public string ClientConfig => Path.Combine(Data, "client-config");

    public string DatabaseSetting => _database.Setting;

    public static async Task<ServerProcess> StartAsync(string engine)
    {
        var data = Directory.CreateTempSubdirectory("keelson-server-").FullName;
        var database = await TestDatabase.CreateAsync(engine, data);
        var port = FreePort.Next();
        var process = RunningProcess.Start(Programs.Keelson, ["server", "--data", data, "--database", database.Setting, "--listen", $"127.0.0.1:{port}"]);
        var server = new ServerProcess(process, database, data, new Uri($"http://127.0.0.1:{port}"), "");
        try
        {
            await process.WaitForLineAsync(l => l.StartsWith("keelson server ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            server.AdminPassword = (await File.ReadAllTextAsync(Path.Combine(data, "initial-admin-password"))).Trim();
            var login = await server.CliAsync(["login", "--server", server.Url.ToString(), "-u", "admin", "--password-stdin"], server.AdminPassword + "\n");
            Assert.True(login.ExitCode == 0, login.ToString());
            return server;
        }
        catch
        {
            await server.DisposeAsync(); // never leave a server running behind a failed test
            throw;
        }
    }

    /// <summary>Runs the keelson CLI as the logged-in admin (or as whoever <paramref name="config"/> holds).</summary>
    public Task<CommandResult> CliAsync(IEnumerable<string> args, string? stdin = null, string? config = null) =>
        Programs.RunAsync(Programs.Keelson, args, stdin, new Dictionary<string, string> { ["KEELSON_CONFIG"] = config ?? ClientConfig });

    /// <summary>An API token of a new user holding <paramref name="role"/> over <paramref name="scopeFlag"/> (or no grant at all).</summary>
    public async Task<string> UserTokenAsync(string name, string? role, string scopeFlag = "--all-clusters")
    {
        var created = await CliAsync(["user", "create", name, "--password-stdin"], "a-long-password-1\n");
        Assert.True(created.ExitCode == 0, created.ToString());
        if (role is not null)
        {
            var granted = await CliAsync(["grant", "create", "--user", name, "--role", role, scopeFlag]);
            Assert.True(granted.ExitCode == 0, granted.ToString());
        }

        using var http = new HttpClient { BaseAddress = Url };
        var answer = await http.PostAsJsonAsync("api/v1/login", new { username = name, password = "a-long-password-1", issueToken = true });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public void KillHard() => _process.KillHard();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(Data, recursive: true);
    }
}
