using System.Text.Json;

namespace Keelson.Cli;

/// <summary>
/// Where <c>keelson login</c> keeps the server and the API token: <c>~/.keelson/config</c>,
/// readable by its owner only, since the token is a credential.
/// </summary>
internal sealed record ClientConfig(string Server, string Token)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("KEELSON_CONFIG") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "config");

    public static ClientConfig? Load()
    {
        if (!File.Exists(DefaultPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClientConfig>(File.ReadAllText(DefaultPath), Json);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{DefaultPath} is not a Keelson client config ({e.Message}); run keelson login again");
        }
    }

    public void Save()
    {
        var directory = Path.GetDirectoryName(DefaultPath)!;
        Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var temp = DefaultPath + ".tmp";
        File.Delete(temp);
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        File.Move(temp, DefaultPath, overwrite: true);
    }
}
