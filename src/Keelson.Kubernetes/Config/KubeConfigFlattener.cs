using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// Turns one context of a kubeconfig into a self-contained kubeconfig, as
/// <c>kubectl config view --minify --flatten</c> does: referenced certificate, key and token
/// files are read here and embedded, so the result can be sent to another machine (a Keelson
/// server) that must never read files named by a client.
/// </summary>
public static class KubeConfigFlattener
{
    /// <summary>The context (the current one when null) as a self-contained kubeconfig in YAML.</summary>
    /// <param name="config">The kubeconfig.</param>
    /// <param name="context">The context to keep; the current one when null.</param>
    /// <param name="nameAs">The name of the context, cluster and user in the result; the context's name when null.</param>
    /// <exception cref="KubeConfigException">The context, its cluster or user is missing, or a referenced file cannot be read.</exception>
    public static string Flatten(KubeConfig config, string? context = null, string? nameAs = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var contextName = context ?? config.CurrentContext
            ?? throw new KubeConfigException($"no context given and no current-context set in {string.Join(", ", config.Sources)}; name one with --context");
        var ctx = config.Contexts.GetValueOrDefault(contextName)
            ?? throw new KubeConfigException($"context \"{contextName}\" not found in {string.Join(", ", config.Sources)}; contexts are: {string.Join(", ", config.Contexts.Keys)}");
        var cluster = ctx.Cluster is { } c && config.Clusters.TryGetValue(c, out var found) ? found
            : throw new KubeConfigException($"context \"{contextName}\" names cluster \"{ctx.Cluster}\", which {ctx.Source} does not define");
        var user = ctx.User is { } u && config.Users.TryGetValue(u, out var foundUser) ? foundUser : null;

        var clusterData = new JsonObject { ["server"] = cluster.Server };
        Set(clusterData, "certificate-authority-data", cluster.CertificateAuthorityData ?? Embed(cluster.CertificateAuthority, cluster.Source, $"cluster \"{cluster.Name}\" certificate-authority"));

        if (cluster.InsecureSkipTlsVerify)
        {
            clusterData["insecure-skip-tls-verify"] = true;
        }

        if (cluster.TlsServerName is { } tlsName)
        {
            clusterData["tls-server-name"] = tlsName;
        }

        var userData = new JsonObject();
        if (user is not null)
        {
            var token = user.TokenFile is { } tokenFile ? ReadText(tokenFile, user.Source, $"user \"{user.Name}\" tokenFile").Trim() : user.Token;
            Set(userData, "token", token);
            Set(userData, "client-certificate-data", user.ClientCertificateData ?? Embed(user.ClientCertificate, user.Source, $"user \"{user.Name}\" client-certificate"));
            Set(userData, "client-key-data", user.ClientKeyData ?? Embed(user.ClientKey, user.Source, $"user \"{user.Name}\" client-key"));
            Set(userData, "username", user.Username);
            Set(userData, "password", user.Password);
            if (user.Exec is { } exec)
            {
                userData["exec"] = new JsonObject
                {
                    ["apiVersion"] = exec.ApiVersion,
                    ["command"] = exec.Command,
                    ["args"] = new JsonArray([.. exec.Args.Select(a => (JsonNode)JsonValue.Create(a))]),
                };
            }
        }

        var name = nameAs ?? contextName;
        var contextData = new JsonObject { ["cluster"] = name, ["user"] = name };
        if (ctx.Namespace is { } ns)
        {
            contextData["namespace"] = ns;
        }

        var document = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = name, ["cluster"] = clusterData }),
            ["contexts"] = new JsonArray(new JsonObject { ["name"] = name, ["context"] = contextData }),
            ["current-context"] = name,
            ["users"] = new JsonArray(new JsonObject { ["name"] = name, ["user"] = userData }),
        };
        return YamlJson.ToYaml(document);
    }

    private static void Set(JsonObject target, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[key] = value;
        }
    }

    private static string? Embed(string? path, string source, string what) =>
        path is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(ReadText(path, source, what)));

    private static string ReadText(string path, string source, string what)
    {
        // Relative paths are relative to the kubeconfig that named them, as kubectl resolves them.
        var directory = File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source)) : null;
        var full = Path.IsPathRooted(path) || directory is null ? path : Path.Combine(directory, path);
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{source}: {what}: cannot read \"{full}\": {e.Message}", e);
        }
    }
}
