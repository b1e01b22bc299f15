using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Tests.Config;

public sealed class TokenFileCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keelson-token-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RewrittenFile_IsReadAgain()
    {
        var path = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(path, "first-token\n");
        var credentials = new TokenFileCredentials(path);
        Assert.Equal("Bearer first-token", await AuthorizationAsync(credentials));

        await File.WriteAllTextAsync(path, "second-token-which-is-longer\n");

        Assert.Equal("Bearer second-token-which-is-longer", await AuthorizationAsync(credentials));
    }

    [Fact]
    public async Task SymlinkSwap_AsKubeletRotatesProjectedTokens_IsReadAgain()
    {
        // token -> ..data/token, and ..data -> ..<timestamp>, which kubelet swaps (atomically; here in two steps).
        await WriteVersionAsync("..2024_01_01_00_00_00", "first");
        File.CreateSymbolicLink(Path.Combine(_directory, "..data"), "..2024_01_01_00_00_00");
        File.CreateSymbolicLink(Path.Combine(_directory, "token"), Path.Combine("..data", "token"));
        var credentials = new TokenFileCredentials(Path.Combine(_directory, "token"));
        Assert.Equal("Bearer first", await AuthorizationAsync(credentials));

        await WriteVersionAsync("..2024_01_01_01_00_00", "later");
        File.Delete(Path.Combine(_directory, "..data"));
        File.CreateSymbolicLink(Path.Combine(_directory, "..data"), "..2024_01_01_01_00_00");

        Assert.Equal("Bearer later", await AuthorizationAsync(credentials));
    }

    [Fact]
    public async Task FileBrieflyMissing_KeepsTheLastToken()
    {
        var path = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(path, "still-good");
        var credentials = new TokenFileCredentials(path);
        Assert.Equal("Bearer still-good", await AuthorizationAsync(credentials));

        File.Delete(path);

        Assert.Equal("Bearer still-good", await AuthorizationAsync(credentials));
    }

    [Fact]
    public async Task MissingFile_SaysWhichFile()
    {
        var path = Path.Combine(_directory, "nowhere");
        var credentials = new TokenFileCredentials(path);

        var error = await Assert.ThrowsAsync<CredentialException>(() => AuthorizationAsync(credentials));

        Assert.Equal($"token file {path} cannot be read: the file does not exist", error.Message);
    }

    private async Task WriteVersionAsync(string version, string token)
    {
        Directory.CreateDirectory(Path.Combine(_directory, version));
        await File.WriteAllTextAsync(Path.Combine(_directory, version, "token"), token);
    }

    private static async Task<string?> AuthorizationAsync(TokenFileCredentials credentials) =>
        (await credentials.GetAuthorizationAsync(CancellationToken.None))?.ToString();
}
