using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Tests.Simulator;

namespace Keelson.Tests.Server;

/// <summary>The real keelson executable: <c>keelson up</c>, and <c>keelson server</c> on SQLite and PostgreSQL with the CLI.</summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class ServerTests(SimulatorProcess sim)
{
    public static TheoryData<string> Engines => [TestDatabase.Sqlite, TestDatabase.Postgres];

    [Fact]
    public async Task KeelsonUp_ComesUpAndServesItsSimulatedFleet()
    {
        var data = Directory.CreateTempSubdirectory("keelson-up-").FullName;
        var port = FreePort.Next();
        await using (var up = RunningProcess.Start(Programs.Keelson, ["up", "--data", data, "--listen", $"127.0.0.1:{port}"]))
        {
            var ready = await up.WaitForLineAsync(l => l.StartsWith("Keelson is up", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            var password = (await File.ReadAllTextAsync(Path.Combine(data, "initial-admin-password"))).Trim();
            var config = Path.Combine(data, "client-config");
            var env = new Dictionary<string, string> { ["KEELSON_CONFIG"] = config };

            var login = await Programs.RunAsync(Programs.Keelson, ["login", "--server", $"http://127.0.0.1:{port}", "-u", "admin", "--password-stdin"], password + "\n", env);
            var clusters = await Programs.RunAsync(Programs.Keelson, ["cluster", "list", "-o", "json"], environment: env);

            Assert.Contains("4 simulated clusters (test, staging, prod-east, prod-west)", ready, StringComparison.Ordinal);
            Assert.True(login.ExitCode == 0, login.ToString());
            var items = JsonNode.Parse(clusters.Stdout)!["items"]!.AsArray();
            Assert.Equal(["prod-east", "prod-west", "staging", "test"], items.Select(c => c!["name"]!.GetValue<string>()));
            Assert.Equal(140, items[0]!["nodeCount"]!.GetValue<int>());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "initial-admin-password")));
            }
        }

        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AClusterAddedFromAKubeconfig_AppearsWithItsVersionAndNodeCount_AndNeverItsCredentials(string engine)
    {
        await using var server = await ServerProcess.StartAsync(engine);

        var added = await server.CliAsync(["cluster", "add", "alpha", "--kubeconfig", sim.Kubeconfig, "--context", "alpha", "--tag", "env=test", "--tag", "tier=3"]);
        var shown = await server.CliAsync(["cluster", "get", "alpha", "-o", "json"]);
        var listed = await server.CliAsync(["cluster", "list"]);

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal("cluster alpha added: v1.30.4, 3 nodes", added.Stdout.Trim());
        var cluster = JsonNode.Parse(shown.Stdout)!.AsObject();
        Assert.Equal("test", cluster["tags"]!["env"]!.GetValue<string>());
        Assert.DoesNotContain("token", shown.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("certificate", shown.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"alpha\s+v1\.30\.4\s+3\s+https://127\.0\.0\.1:\d+/clusters/alpha\s+env=test,tier=3\s+\S+", listed.Stdout);
    }

    [Fact]
    public async Task AddingAClusterWithABadKubeconfigWrongTokenOrWrongCa_SaysWhatIsWrong()
    {
        await using var server = await ServerProcess.StartAsync(TestDatabase.Sqlite);
        var original = await File.ReadAllTextAsync(sim.Kubeconfig);
        var malformed = Write(server, "malformed.kubeconfig", "apiVersion: v1\nclusters:\n- name: x\n  cluster: [oops\n");
        var wrongToken = Write(server, "token.kubeconfig", TokenLine().Replace(original, "    token: not-the-token"));
        var wrongCa = Write(server, "ca.kubeconfig", CaLine().Replace(original, $"    certificate-authority-data: {OtherCa()}"));

        var badFile = await server.CliAsync(["cluster", "add", "x", "--kubeconfig", malformed]);
        var refused = await server.CliAsync(["cluster", "add", "alpha", "--kubeconfig", wrongToken, "--context", "alpha"]);
        var untrusted = await server.CliAsync(["cluster", "add", "alpha", "--kubeconfig", wrongCa, "--context", "alpha"]);

        Assert.Equal(2, badFile.ExitCode);
        Assert.Contains("malformed.kubeconfig", badFile.Stderr, StringComparison.Ordinal);
        Assert.Matches("line [45]", badFile.Stderr);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cluster \"alpha\" refused the credentials (401 Unauthorized)", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains("not signed by certificate-authority-data", untrusted.Stderr, StringComparison.Ordinal);
        Assert.Contains("No resources found", (await server.CliAsync(["cluster", "list"])).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheAuditTrail_RecordsEveryChange_AndVerifyCatchesATamperedRecord(string engine)
    {
        await using var server = await ServerProcess.StartAsync(engine);
        await server.CliAsync(["user", "create", "carol", "--password-stdin"], "a-long-password-1\n");
        await server.CliAsync(["team", "create", "sre"]);

        var intact = await server.CliAsync(["audit", "verify"]);
        var listed = await server.CliAsync(["audit", "list", "--actor", "admin", "-o", "json"]);
        await AuditTampering.ChangeActionAsync(server.DatabaseSetting, sequence: 2, "login-forged");
        var broken = await server.CliAsync(["audit", "verify"]);

        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.StartsWith("audit trail intact:", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains(JsonNode.Parse(listed.Stdout)!["items"]!.AsArray(), r => r!["action"]!.GetValue<string>() == "user.create" && r["target"]!.GetValue<string>() == "user/carol");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("tampered", broken.Stderr, StringComparison.Ordinal);
        Assert.Contains("2", broken.Stderr, StringComparison.Ordinal);
    }

    private static string Write(ServerProcess server, string name, string text)
    {
        var path = Path.Combine(server.Data, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string OtherCa()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=someone-else", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
    }

    [GeneratedRegex(@"    token: \S+")]
    private static partial Regex TokenLine();

    [GeneratedRegex(@"    certificate-authority-data: \S+")]
    private static partial Regex CaLine();
}
