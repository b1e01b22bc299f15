using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// Reads one kubeconfig text into its entries. Lenient where kubectl is lenient (unknown fields,
/// <c>preferences</c> and <c>extensions</c> are ignored; a missing section is empty), strict where it
/// is strict (a section of the wrong shape, an entry without a name, a name defined twice).
/// Every error names the source and the line. Relative paths are resolved against
/// <c>baseDirectory</c> when one is given.
/// </summary>
internal sealed class KubeConfigParser(string source, string? baseDirectory)
{
    public KubeConfigFile Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException(
                $"{source} line {e.Start.Line}, column {e.Start.Column}: not valid YAML: {e.Message} (check the indentation, which must use spaces, and that quotes are closed)",
                e);
        }

        var file = new KubeConfigFile();
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return file;
        }

        var root = stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Fail(stream.Documents[0].RootNode, "a kubeconfig must be a mapping with clusters, users and contexts");
        foreach (var (key, value) in Entries(root))
        {
            switch (key)
            {
                case "clusters":
                    ReadNamed(value, "clusters", "cluster", file.Clusters, ReadCluster);
                    break;
                case "users":
                    ReadNamed(value, "users", "user", file.Users, ReadUser);
                    break;
                case "contexts":
                    ReadNamed(value, "contexts", "context", file.Contexts, ReadContext);
                    break;
                case "current-context":
                    file.CurrentContext = Scalar(value, "current-context");
                    break;
                default:
                    // apiVersion, kind, preferences, extensions: nothing Keelson uses.
                    break;
            }
        }

        return file;
    }

    private void ReadNamed<T>(
        YamlNode list,
        string listKey,
        string itemKey,
        Dictionary<string, T> into,
        Func<string, YamlMappingNode?, int, T> read)
        where T : class
    {
        if (IsNull(list))
        {
            return;
        }

        if (list is not YamlSequenceNode items)
        {
            throw Fail(list, $"{listKey} must be a list of entries, each with a name and a {itemKey}");
        }

        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is not YamlMappingNode fields)
            {
                throw Fail(item, $"an entry of {listKey} must be a mapping with a name and a {itemKey}");
            }

            string? name = null;
            YamlMappingNode? body = null;
            foreach (var (key, value) in Entries(fields))
            {
                if (key == "name")
                {
                    name = Scalar(value, $"the name of an entry of {listKey}");
                }
                else if (key == itemKey)
                {
                    body = Mapping(value, $"{listKey} entry's {itemKey}");
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                throw Fail(item, $"an entry of {listKey} has no name; give it one");
            }

            if (lines.TryGetValue(name, out var first))
            {
                throw Fail(item, $"{itemKey} \"{name}\" is defined a second time (first at line {first}); kubectl refuses this too, so remove one of them");
            }

            lines[name] = item.Start.Line;
            into[name] = read(name, body, (int)item.Start.Line);
        }
    }

    private KubeConfigCluster ReadCluster(string name, YamlMappingNode? body, int line)
    {
        string? server = null, authority = null, authorityData = null, tlsServerName = null, proxyUrl = null;
        var insecure = false;
        var where = $"cluster \"{name}\"";
        foreach (var (key, value) in Entries(body))
        {
            switch (key)
            {
                case "server":
                    server = Scalar(value, $"{where}: server");
                    break;
                case "certificate-authority":
                    authority = Resolve(Scalar(value, $"{where}: certificate-authority"));
                    break;
                case "certificate-authority-data":
                    authorityData = Scalar(value, $"{where}: certificate-authority-data");
                    break;
                case "insecure-skip-tls-verify":
                    insecure = Bool(value, $"{where}: insecure-skip-tls-verify");
                    break;
                case "tls-server-name":
                    tlsServerName = Scalar(value, $"{where}: tls-server-name");
                    break;
                case "proxy-url":
                    proxyUrl = Scalar(value, $"{where}: proxy-url");
                    break;
                default:
                    break;
            }
        }

        return new KubeConfigCluster
        {
            Name = name,
            Server = server,
            CertificateAuthority = authority,
            CertificateAuthorityData = authorityData,
            InsecureSkipTlsVerify = insecure,
            TlsServerName = tlsServerName,
            ProxyUrl = proxyUrl,
            Source = source,
            Line = line,
        };
    }

    private KubeConfigUser ReadUser(string name, YamlMappingNode? body, int line)
    {
        string? token = null, tokenFile = null, certificate = null, certificateData = null, key = null, keyData = null;
        string? username = null, password = null, authProvider = null;
        KubeConfigExec? exec = null;
        var impersonates = false;
        var where = $"user \"{name}\"";
        foreach (var (field, value) in Entries(body))
        {
            switch (field)
            {
                case "token":
                    token = Scalar(value, $"{where}: token");
                    break;
                case "tokenFile":
                    tokenFile = Resolve(Scalar(value, $"{where}: tokenFile"));
                    break;
                case "client-certificate":
                    certificate = Resolve(Scalar(value, $"{where}: client-certificate"));
                    break;
                case "client-certificate-data":
                    certificateData = Scalar(value, $"{where}: client-certificate-data");
                    break;
                case "client-key":
                    key = Resolve(Scalar(value, $"{where}: client-key"));
                    break;
                case "client-key-data":
                    keyData = Scalar(value, $"{where}: client-key-data");
                    break;
                case "username":
                    username = Scalar(value, $"{where}: username");
                    break;
                case "password":
                    password = Scalar(value, $"{where}: password");
                    break;
                case "exec":
                    exec = ReadExec(value, where);
                    break;
                case "auth-provider":
                    authProvider = IsNull(value) ? null : ReadAuthProviderName(value);
                    break;
                case "as" or "as-uid" or "as-groups" or "as-user-extra":
                    impersonates |= !IsNull(value);
                    break;
                default:
                    break;
            }
        }

        return new KubeConfigUser
        {
            Name = name,
            Token = token,
            TokenFile = tokenFile,
            ClientCertificate = certificate,
            ClientCertificateData = certificateData,
            ClientKey = key,
            ClientKeyData = keyData,
            Username = username,
            Password = password,
            Exec = exec,
            AuthProvider = authProvider,
            Impersonates = impersonates,
            Source = source,
            Line = line,
        };
    }

    private string ReadAuthProviderName(YamlNode node)
    {
        foreach (var (key, value) in Entries(Mapping(node, "auth-provider")))
        {
            if (key == "name")
            {
                return Scalar(value, "auth-provider name") ?? "(unnamed)";
            }
        }

        return "(unnamed)";
    }

    private KubeConfigExec? ReadExec(YamlNode node, string where)
    {
        if (IsNull(node))
        {
            return null;
        }

        string? command = null, apiVersion = null, installHint = null, interactiveMode = null;
        var args = new List<string>();
        var env = new List<KeyValuePair<string, string>>();
        var provideClusterInfo = false;
        foreach (var (key, value) in Entries(Mapping(node, $"{where}: exec")))
        {
            switch (key)
            {
                case "command":
                    command = Scalar(value, $"{where}: exec.command");
                    break;
                case "args":
                    args = Strings(value, $"{where}: exec.args");
                    break;
                case "env":
                    env = ReadEnv(value, where);
                    break;
                case "apiVersion":
                    apiVersion = Scalar(value, $"{where}: exec.apiVersion");
                    break;
                case "installHint":
                    installHint = Scalar(value, $"{where}: exec.installHint");
                    break;
                case "provideClusterInfo":
                    provideClusterInfo = Bool(value, $"{where}: exec.provideClusterInfo");
                    break;
                case "interactiveMode":
                    interactiveMode = Scalar(value, $"{where}: exec.interactiveMode");
                    break;
                default:
                    break;
            }
        }

        // Only a command that is a path is relative to the kubeconfig; a bare name is looked up on PATH.
        if (command is not null && command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            command = Resolve(command);
        }

        return new KubeConfigExec
        {
            Command = command ?? "",
            Args = args,
            Env = env,
            ApiVersion = apiVersion ?? "",
            InstallHint = installHint,
            ProvideClusterInfo = provideClusterInfo,
            InteractiveMode = interactiveMode,
        };
    }

    private List<KeyValuePair<string, string>> ReadEnv(YamlNode node, string where)
    {
        var env = new List<KeyValuePair<string, string>>();
        if (IsNull(node))
        {
            return env;
        }

        if (node is not YamlSequenceNode items)
        {
            throw Fail(node, $"{where}: exec.env must be a list of entries with a name and a value");
        }

        foreach (var item in items)
        {
            string? name = null, value = null;
            foreach (var (key, field) in Entries(Mapping(item, $"{where}: an exec.env entry")))
            {
                if (key == "name")
                {
                    name = Scalar(field, $"{where}: exec.env name");
                }
                else if (key == "value")
                {
                    value = Scalar(field, $"{where}: exec.env value");
                }
            }

            env.Add(new(name ?? "", value ?? ""));
        }

        return env;
    }

    private KubeConfigContext ReadContext(string name, YamlMappingNode? body, int line)
    {
        string? cluster = null, user = null, ns = null;
        var where = $"context \"{name}\"";
        foreach (var (key, value) in Entries(body))
        {
            switch (key)
            {
                case "cluster":
                    cluster = Scalar(value, $"{where}: cluster");
                    break;
                case "user":
                    user = Scalar(value, $"{where}: user");
                    break;
                case "namespace":
                    ns = Scalar(value, $"{where}: namespace");
                    break;
                default:
                    break;
            }
        }

        return new KubeConfigContext { Name = name, Cluster = cluster, User = user, Namespace = ns, Source = source, Line = line };
    }

    private string? Resolve(string? path) =>
        string.IsNullOrEmpty(path) || baseDirectory is null || Path.IsPathFullyQualified(path)
            ? path
            : Path.GetFullPath(Path.Combine(baseDirectory, path));

    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode? mapping)
    {
        if (mapping is null)
        {
            yield break;
        }

        foreach (var (key, value) in mapping.Children)
        {
            yield return (Scalar(key, "a key") ?? "", value);
        }
    }

    private YamlMappingNode? Mapping(YamlNode node, string what) =>
        IsNull(node) ? null : node as YamlMappingNode ?? throw Fail(node, $"{what} must be a mapping of fields");

    private string? Scalar(YamlNode node, string what) =>
        IsNull(node) ? null : (node as YamlScalarNode)?.Value ?? throw Fail(node, $"{what} must be a single value, not a list or mapping");

    private bool Bool(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return text switch
        {
            null => false,
            _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw Fail(node, $"{what} must be true or false, not \"{text}\""),
        };
    }

    private List<string> Strings(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        return node is YamlSequenceNode items
            ? items.Select(item => Scalar(item, what) ?? "").ToList()
            : throw Fail(node, $"{what} must be a list of strings");
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private KubeConfigException Fail(YamlNode node, string message) => new($"{source} line {node.Start.Line}: {message}");
}
