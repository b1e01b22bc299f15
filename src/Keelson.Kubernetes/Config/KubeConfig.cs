namespace Keelson.Kubernetes.Config;

/// <summary>
/// A kubeconfig, loaded and merged the way kubectl (client-go's clientcmd) does it, from which
/// <see cref="ToClientOptions"/> resolves the connection to one cluster.
/// </summary>
/// <remarks>
/// <para>
/// Sources, in kubectl's precedence (<see cref="LoadDefault(string?)"/>): an explicit path (kubectl's
/// <c>--kubeconfig</c>: only that file, and it must exist), else the files listed in
/// <c>KUBECONFIG</c> (separated by <c>:</c>, or <c>;</c> on Windows; missing files skipped),
/// else <c>~/.kube/config</c> (when missing, the configuration is empty).
/// </para>
/// <para>
/// Merging: for clusters, users and contexts the first file that defines a name wins, whole
/// (fields are never mixed from two files); <c>current-context</c> comes from the first file
/// that sets it. Relative paths (<c>certificate-authority</c>, <c>client-certificate</c>,
/// <c>client-key</c>, <c>tokenFile</c>, and an exec <c>command</c> that contains a directory
/// separator) are resolved against the directory of the file that defined them.
/// <c>preferences</c> and <c>extensions</c> are accepted and ignored.
/// </para>
/// <para>
/// Loading only reads the files; the chosen context's cluster and user are checked (and their
/// certificates, keys and token files read) by <see cref="ToClientOptions"/>, so a broken entry
/// that is not used does not stop anything, as in kubectl.
/// </para>
/// <para>
/// Not supported, and refused with a message when the chosen context needs it: <c>auth-provider</c>
/// (use an exec plugin), impersonation (<c>as</c>, <c>as-groups</c>, ...), exec plugins that return
/// a client certificate or need a terminal (<c>interactiveMode: Always</c>). Accepted but ignored:
/// <c>proxy-url</c> (the <c>HTTPS_PROXY</c>/<c>NO_PROXY</c> environment variables apply instead) and
/// <c>disable-compression</c>. <c>tls-server-name</c> is checked against the certificate but not sent
/// as SNI (see <see cref="Http.KubernetesHttpHandlerFactory"/>).
/// </para>
/// </remarks>
public sealed class KubeConfig
{
    private readonly Dictionary<string, KubeConfigCluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeConfigUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeConfigContext> _contexts = new(StringComparer.Ordinal);

    // How messages name this configuration: the file, the merged files, or what was looked for.
    private readonly string _origin;

    // Set when nothing was read because none of the files exists.
    private readonly bool _nothingFound;

    private KubeConfig(IReadOnlyList<KubeConfigFile> files, IReadOnlyList<string> sources, string origin, bool nothingFound)
    {
        foreach (var file in files)
        {
            foreach (var (name, cluster) in file.Clusters)
            {
                _clusters.TryAdd(name, cluster);
            }

            foreach (var (name, user) in file.Users)
            {
                _users.TryAdd(name, user);
            }

            foreach (var (name, context) in file.Contexts)
            {
                _contexts.TryAdd(name, context);
            }

            if (string.IsNullOrEmpty(CurrentContext))
            {
                CurrentContext = file.CurrentContext;
            }
        }

        Sources = sources;
        _origin = origin;
        _nothingFound = nothingFound;
    }

    /// <summary>The contexts by name.</summary>
    public IReadOnlyDictionary<string, KubeConfigContext> Contexts => _contexts;

    /// <summary>The clusters by name.</summary>
    public IReadOnlyDictionary<string, KubeConfigCluster> Clusters => _clusters;

    /// <summary>The users (client-go's AuthInfos) by name.</summary>
    public IReadOnlyDictionary<string, KubeConfigUser> Users => _users;

    /// <summary>The context used when none is named, or null when no file sets one.</summary>
    public string? CurrentContext { get; }

    /// <summary>The files that were read, in precedence order (empty for <see cref="Parse"/>).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>
    /// Loads the kubeconfig the way kubectl finds it: <paramref name="explicitPath"/> when given,
    /// else the files in <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.
    /// </summary>
    /// <param name="explicitPath">The path given on the command line (kubectl's <c>--kubeconfig</c>), or null.</param>
    /// <exception cref="KubeConfigException">A file cannot be read or is not a valid kubeconfig, or the explicit path does not exist.</exception>
    public static KubeConfig LoadDefault(string? explicitPath = null) =>
        LoadDefault(explicitPath, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="LoadDefault(string?)"/> with the environment and home directory given, for tests.</summary>
    internal static KubeConfig LoadDefault(string? explicitPath, Func<string, string?> environment, string homeDirectory)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return LoadFile(explicitPath);
        }

        var list = environment("KUBECONFIG");
        return string.IsNullOrEmpty(list)
            ? LoadMerged([Path.Combine(homeDirectory, ".kube", "config")])
            : LoadMerged(list.Split(Path.PathSeparator));
    }

    /// <summary>Loads exactly one file, which must exist (kubectl's <c>--kubeconfig</c>).</summary>
    /// <param name="path">The kubeconfig file.</param>
    /// <exception cref="KubeConfigException">The file does not exist, cannot be read or is not a valid kubeconfig.</exception>
    public static KubeConfig LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            throw new KubeConfigException(
                $"kubeconfig {fullPath} does not exist; it was named explicitly (e.g. with --kubeconfig), so it must — fix the path");
        }

        return new KubeConfig([Read(fullPath)], [fullPath], fullPath, nothingFound: false);
    }

    /// <summary>
    /// Loads and merges several files the way kubectl merges <c>KUBECONFIG</c>: empty entries,
    /// repeated paths and missing files are skipped; the first file to define a name wins.
    /// </summary>
    /// <param name="paths">The files, highest precedence first.</param>
    /// <exception cref="KubeConfigException">A file that exists cannot be read or is not a valid kubeconfig.</exception>
    public static KubeConfig LoadMerged(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var candidates = paths.Where(path => path.Length > 0).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        var existing = candidates.Where(path => File.Exists(path) || Directory.Exists(path)).ToList();
        var files = existing.Select(Read).ToList();
        var origin = existing.Count > 0
            ? string.Join(", ", existing)
            : $"none of {string.Join(", ", candidates)} exists";
        return new KubeConfig(files, existing, origin, nothingFound: existing.Count == 0);
    }

    /// <summary>
    /// Reads kubeconfig text that did not come from a file. Relative file paths in it stay relative
    /// to the current directory, as kubectl leaves them for such text.
    /// </summary>
    /// <param name="yaml">The kubeconfig (YAML or JSON).</param>
    /// <param name="sourceName">How messages name the text, e.g. <c>cluster "prod-a" in the database</c>.</param>
    /// <exception cref="KubeConfigException">The text is not a valid kubeconfig.</exception>
    public static KubeConfig Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return new KubeConfig([new KubeConfigParser(sourceName, baseDirectory: null).Parse(yaml)], [], sourceName, nothingFound: false);
    }

    /// <summary>
    /// Resolves one context into everything needed to talk to its cluster: server, trust,
    /// client certificate, credentials and namespace (<c>default</c> when the context sets none).
    /// Certificates, keys and token files are read now, so their problems surface here.
    /// </summary>
    /// <param name="context">The context to use; null for <see cref="CurrentContext"/>.</param>
    /// <param name="timeProvider">The clock exec-plugin tokens expire by; the system clock by default.</param>
    /// <exception cref="KubeConfigException">The context, its cluster or its user cannot be used; the message says why and what to do.</exception>
    public KubernetesClientOptions ToClientOptions(string? context = null, TimeProvider? timeProvider = null)
    {
        if (_nothingFound)
        {
            throw new KubeConfigException(
                $"no kubeconfig found: {_origin}; set KUBECONFIG, pass the path of a kubeconfig, or run inside a cluster");
        }

        var named = !string.IsNullOrEmpty(context);
        var contextName = named ? context : CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException(
                $"no context chosen: {_origin} sets no current-context; name a context ({ContextsAre}) or set current-context");
        }

        if (!_contexts.TryGetValue(contextName, out var chosen))
        {
            var fix = named ? "name one of them" : "it is the current-context, so fix current-context or name another context";
            throw new KubeConfigException($"context \"{contextName}\" not found in {_origin}; {ContextsAre}; {fix}");
        }

        var cluster = Referenced(chosen, chosen.Cluster, "cluster", _clusters)
            ?? throw new KubeConfigException(
                $"{chosen.Where} names no cluster; set its cluster to one of: {List(_clusters.Keys)}");
        var user = Referenced(chosen, chosen.User, "user", _users);

        var server = cluster.ResolveServer();
        var (authorities, authoritySource) = cluster.LoadCertificateAuthorities();
        var clientCertificate = user?.LoadClientCertificate();
        var credentials = user?.CreateCredentials(cluster, clientCertificate is not null, timeProvider ?? TimeProvider.System);
        return new KubernetesClientOptions
        {
            Server = server,
            CertificateAuthorities = authorities,
            CertificateAuthoritySource = authoritySource,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            ClientCertificate = clientCertificate,
            Credentials = credentials,
            Namespace = string.IsNullOrEmpty(chosen.Namespace) ? "default" : chosen.Namespace,
            ContextName = contextName,
            ClusterName = cluster.Name,
            UserName = user?.Name,
        };
    }

    private string ContextsAre => _contexts.Count == 0 ? "it defines no contexts" : $"contexts are: {List(_contexts.Keys)}";

    private T? Referenced<T>(KubeConfigContext context, string? name, string kind, Dictionary<string, T> entries)
        where T : class
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (entries.TryGetValue(name, out var entry))
        {
            return entry;
        }

        var known = entries.Count == 0 ? $"it defines no {kind}s" : $"{kind}s are: {List(entries.Keys)}";
        throw new KubeConfigException(
            $"{context.Where} refers to {kind} \"{name}\", which is not defined in {_origin}; {known}; fix the context or add the {kind}");
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    private static KubeConfigFile Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new KubeConfigException($"kubeconfig {path} is a directory, not a file; name the config file inside it");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw new KubeConfigException($"kubeconfig {path} cannot be read: {why}", e);
        }

        return new KubeConfigParser(path, Path.GetDirectoryName(path)).Parse(text);
    }
}
