namespace Keelson.Tests;

/// <summary>The real kubectl binaries: the newest and oldest preinstalled (1.33, 1.27) and Debian's 1.20.</summary>
internal static class Kubectl
{
    public const string Newest = "1.33";
    public const string Oldest = "1.27";
    public const string Debian = "1.20";

    public static string PathOf(string version) => version switch
    {
        Debian => Environment.GetEnvironmentVariable("KEELSON_KUBECTL_1_20") is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException("kubectl 1.20 is not available: run ./test.sh, which extracts it from Debian's kubernetes-client package"),
        _ => $"/usr/lib/google-cloud-sdk/bin/kubectl.{version}",
    };

    public static Task<CommandResult> RunAsync(string version, string kubeconfig, params string[] args) =>
        Programs.RunAsync(PathOf(version), args, environment: new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
}
