namespace Keelson.Kubernetes.Config;

/// <summary>
/// The connection a pod has to its own cluster, as client-go's <c>rest.InClusterConfig</c> builds it:
/// the API server from <c>KUBERNETES_SERVICE_HOST</c> and <c>KUBERNETES_SERVICE_PORT</c>, the
/// service account's token (re-read as it rotates), its CA and its namespace.
/// </summary>
public static class InClusterConfig
{
    /// <summary>Where Kubernetes mounts the pod's service account.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Resolves the in-cluster connection.</summary>
    /// <param name="serviceAccountDirectory">The directory holding <c>token</c>, <c>ca.crt</c> and <c>namespace</c>.</param>
    /// <exception cref="KubeConfigException">Not running in a pod, or the service account files are missing or invalid.</exception>
    public static KubernetesClientOptions Load(string serviceAccountDirectory = ServiceAccountDirectory) =>
        Load(serviceAccountDirectory, Environment.GetEnvironmentVariable);

    /// <summary><see cref="Load(string)"/> with the environment given, for tests.</summary>
    internal static KubernetesClientOptions Load(string serviceAccountDirectory, Func<string, string?> environment)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException(
                "not running inside a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set; use a kubeconfig instead");
        }

        // An IPv6 service address needs brackets, as Go's net.JoinHostPort adds them.
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        if (!Uri.TryCreate($"https://{authority}", UriKind.Absolute, out var server))
        {
            throw new KubeConfigException(
                $"KUBERNETES_SERVICE_HOST \"{host}\" and KUBERNETES_SERVICE_PORT \"{port}\" do not make an API server URL");
        }

        var tokenPath = Path.Combine(serviceAccountDirectory, "token");
        var credentials = new TokenFileCredentials(tokenPath);
        credentials.EnsureReadable("in-cluster configuration", "mount a service account token into the pod (automountServiceAccountToken)");

        // client-go goes on without the CA when ca.crt is missing; the system store then decides.
        var caPath = Path.Combine(serviceAccountDirectory, "ca.crt");
        var authorities = File.Exists(caPath)
            ? Pem.ReadCertificates(Pem.ReadFile(caPath, "in-cluster CA"), $"in-cluster CA {caPath}")
            : null;

        return new KubernetesClientOptions
        {
            Server = server,
            CertificateAuthorities = authorities,
            CertificateAuthoritySource = authorities is null ? null : caPath,
            Credentials = credentials,
            Namespace = Namespace(serviceAccountDirectory, environment),
        };
    }

    /// <summary>POD_NAMESPACE, else the service account's namespace, else <c>default</c> (clientcmd's order).</summary>
    private static string Namespace(string serviceAccountDirectory, Func<string, string?> environment)
    {
        if (environment("POD_NAMESPACE") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var path = Path.Combine(serviceAccountDirectory, "namespace");
        var fromFile = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        return fromFile.Length > 0 ? fromFile : "default";
    }
}
