namespace Keelson.Tests.Server;

/// <summary><c>keelson server</c> refuses a bad setting at start, naming the key and what it accepts.</summary>
public sealed class ServerSettingsTests
{
    [Theory]
    [InlineData("sessionLifetime: 1s\n", null, null, "sessionLifetime (KEELSON_SESSION_LIFETIME): 1s is outside 5m–720h")]
    [InlineData("listen: 127.0.0.1:0\nflows:\n  leaseDuration: banana\n", null, null, "flows.leaseDuration")]
    [InlineData("", "KEELSON_GUARDRAILS_NOTIFICATION_URL", "ftp://pager.example/hook", "give an absolute http:// or https:// URL")]
    [InlineData("", "KEELSON_GUARDRAILS_CIRCUIT_COOL_DOWN", "soon", "KEELSON_GUARDRAILS_CIRCUIT_COOL_DOWN")]
    public async Task ABadSetting_StopsTheServerWithTheKeyAndWhatIsAccepted(string file, string? variable, string? value, string expected)
    {
        var data = Directory.CreateTempSubdirectory("keelson-settings-").FullName;
        try
        {
            var config = Path.Combine(data, "keelson.yaml");
            await File.WriteAllTextAsync(config, file);
            var environment = variable is null ? null : new Dictionary<string, string> { [variable] = value! };

            var result = await Programs.RunAsync(Programs.Keelson, ["server", "--config", config, "--data", data, "--listen", "127.0.0.1:0"], environment: environment, timeout: TimeSpan.FromSeconds(60));

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
