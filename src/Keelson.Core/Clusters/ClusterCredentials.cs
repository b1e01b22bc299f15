using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Clusters;

/// <summary>
/// A cluster's credentials in the one form Keelson stores them: a self-contained kubeconfig
/// with a single context named after the cluster. Registrations that name files or run exec
/// plugins are refused: a Keelson server must never read files or run commands chosen by a client.
/// </summary>
public static class ClusterCredentials
{
    /// <summary>The stored form of a registration.</summary>
    /// <exception cref="ClusterException">Invalid: missing pieces, file references, exec plugins, a bad kubeconfig.</exception>
    public static string Normalize(ClusterRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var name = registration.Name;
        if (registration.Kubeconfig is { Length: > 0 } text)
        {
            if (registration.Server is not null)
            {
                throw Invalid(name, "give either a kubeconfig or a server URL with its credentials, not both");
            }

            return FromKubeconfig(name, text, registration.Context);
        }

        if (registration.Server is not { IsAbsoluteUri: true } server || server.Scheme is not ("https" or "http"))
        {
            throw Invalid(name, "give a kubeconfig, or a server URL such as https://10.0.0.1:6443 with a token or client certificate");
        }

        if (string.IsNullOrEmpty(registration.Token) && string.IsNullOrEmpty(registration.ClientCertificate))
        {
            throw Invalid(name, "give a token (e.g. of a service account bound to the view ClusterRole) or a client certificate and key");
        }

        if (!string.IsNullOrEmpty(registration.ClientCertificate) && string.IsNullOrEmpty(registration.ClientKey))
        {
            throw Invalid(name, "a client certificate needs its private key (clientKey)");
        }

        static string? Data(string? pem) => string.IsNullOrEmpty(pem) ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var cluster = new JsonObject { ["server"] = server.AbsoluteUri.TrimEnd('/') };
        if (Data(registration.CertificateAuthority) is { } ca)
        {
            cluster["certificate-authority-data"] = ca;
        }

        if (registration.InsecureSkipTlsVerify)
        {
            cluster["insecure-skip-tls-verify"] = true;
        }

        var user = new JsonObject();
        if (!string.IsNullOrEmpty(registration.Token))
        {
            user["token"] = registration.Token;
        }

        if (Data(registration.ClientCertificate) is { } certificate)
        {
            user["client-certificate-data"] = certificate;
            user["client-key-data"] = Data(registration.ClientKey);
        }

        var document = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = name, ["cluster"] = cluster }),
            ["contexts"] = new JsonArray(new JsonObject { ["name"] = name, ["context"] = new JsonObject { ["cluster"] = name, ["user"] = name } }),
            ["current-context"] = name,
            ["users"] = new JsonArray(new JsonObject { ["name"] = name, ["user"] = user }),
        };
        var yaml = YamlJson.ToYaml(document);
        Load(name, yaml); // fail now, not at first use, if the pieces do not fit (e.g. a key that is not the certificate's)
        return yaml;
    }

    /// <summary>Connection options from the stored form.</summary>
    /// <exception cref="ClusterException">Invalid: the credentials do not load (bad PEM, key mismatch...).</exception>
    public static KubernetesClientOptions Load(string name, string stored)
    {
        try
        {
            return KubeConfig.Parse(stored, $"credentials of cluster \"{name}\"").ToClientOptions(name);
        }
        catch (KubeConfigException e)
        {
            throw Invalid(name, e.Message, e);
        }
    }

    private static string FromKubeconfig(string name, string text, string? context)
    {
        KubeConfig config;
        try
        {
            config = KubeConfig.Parse(text, "the uploaded kubeconfig");
        }
        catch (KubeConfigException e)
        {
            throw Invalid(name, e.Message, e);
        }

        var contextName = context ?? config.CurrentContext ?? throw Invalid(name, $"the kubeconfig has no current-context; name one of its contexts: {string.Join(", ", config.Contexts.Keys)}");
        if (!config.Contexts.TryGetValue(contextName, out var ctx))
        {
            throw Invalid(name, $"context \"{contextName}\" is not in the kubeconfig; its contexts are: {string.Join(", ", config.Contexts.Keys)}");
        }

        var flatten = "embed them with `kubectl config view --minify --flatten --context " + contextName + "` (keelson cluster add does this for you)";
        if (ctx.Cluster is { } clusterName && config.Clusters.TryGetValue(clusterName, out var c) && c.CertificateAuthority is not null)
        {
            throw Invalid(name, $"the kubeconfig names a file (certificate-authority: {c.CertificateAuthority}); {flatten}");
        }

        if (ctx.User is { } userName && config.Users.TryGetValue(userName, out var user))
        {
            if ((user.ClientCertificate ?? user.ClientKey ?? user.TokenFile) is { } file)
            {
                throw Invalid(name, $"the kubeconfig names a file ({file}); {flatten}");
            }

            if (user.Exec is not null)
            {
                throw Invalid(name, $"user \"{userName}\" logs in with an exec plugin ({user.Exec.Command}), which would run a command on the Keelson server; register the cluster with a service-account token instead (e.g. kubectl create token keelson -n kube-system --duration=8760h)");
            }
        }

        string flattened;
        try
        {
            flattened = KubeConfigFlattener.Flatten(config, contextName, nameAs: name);
        }
        catch (KubeConfigException e)
        {
            throw Invalid(name, e.Message, e);
        }

        Load(name, flattened);
        return flattened;
    }

    private static ClusterException Invalid(string name, string problem, Exception? inner = null) =>
        new(ClusterErrorKind.Invalid, $"cluster \"{name}\": {problem}", inner);
}
