namespace Keelson.Kubernetes.Config;

/// <summary>
/// An exec credential plugin (<c>users[].user.exec</c>): a command that prints an
/// <c>ExecCredential</c> holding a bearer token. See <see cref="ExecCredentialProvider"/>.
/// </summary>
public sealed class KubeConfigExec
{
    /// <summary>
    /// The command to run: a name looked up on PATH, or a path (resolved against the kubeconfig's
    /// directory when it is relative and contains a directory separator).
    /// </summary>
    public required string Command { get; init; }

    /// <summary>Arguments, passed as they are (no shell is involved).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables added to Keelson's own for the command.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary><c>client.authentication.k8s.io/v1</c> or <c>client.authentication.k8s.io/v1beta1</c>.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>Shown when the command cannot be found, e.g. how to install it.</summary>
    public string? InstallHint { get; init; }

    /// <summary>Pass the cluster's connection details to the plugin in <c>KUBERNETES_EXEC_INFO</c>.</summary>
    public bool ProvideClusterInfo { get; init; }

    /// <summary>
    /// <c>Never</c>, <c>IfAvailable</c> or <c>Always</c> (required by v1, <c>IfAvailable</c> by default in v1beta1).
    /// Keelson never gives a plugin a terminal, so <c>Always</c> is refused.
    /// </summary>
    public string? InteractiveMode { get; init; }

    internal const string V1 = "client.authentication.k8s.io/v1";
    internal const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    /// <summary>Refuses what kubectl refuses, and interactive plugins, which need a terminal Keelson never has.</summary>
    internal void Validate(string where)
    {
        if (string.IsNullOrWhiteSpace(Command))
        {
            throw new KubeConfigException($"{where}: exec has no command; set exec.command to the plugin to run");
        }

        if (string.IsNullOrEmpty(ApiVersion))
        {
            throw new KubeConfigException($"{where}: exec has no apiVersion; set it to {V1} (or {V1Beta1} for older plugins)");
        }

        if (ApiVersion is not (V1 or V1Beta1))
        {
            throw new KubeConfigException(
                $"{where}: exec apiVersion \"{ApiVersion}\" is not supported; use {V1} (or {V1Beta1} for older plugins)");
        }

        switch (InteractiveMode)
        {
            case null or "" when ApiVersion == V1:
                throw new KubeConfigException($"{where}: exec has no interactiveMode, which {V1} requires; set it to Never");
            case null or "" or "Never" or "IfAvailable":
                break;
            case "Always":
                throw new KubeConfigException(
                    $"{where}: exec interactiveMode is Always, but Keelson runs plugins without a terminal; use a plugin mode that needs no prompt and set interactiveMode: Never");
            default:
                throw new KubeConfigException(
                    $"{where}: exec interactiveMode \"{InteractiveMode}\" is not one of Never, IfAvailable, Always");
        }

        foreach (var (name, _) in Env)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new KubeConfigException($"{where}: an exec env entry has no name; give every entry a name and a value");
            }
        }
    }
}
