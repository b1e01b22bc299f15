using System.Text;

namespace Keelson.Simulator.Hosting;

/// <summary>Writes a kubeconfig with one context per simulated cluster (context name = cluster name).</summary>
internal static class KubeconfigWriter
{
    public static string Render(Uri baseUrl, IReadOnlyList<SimulatedCluster> clusters, string? authorityPem)
    {
        var ca = authorityPem is null ? null : Convert.ToBase64String(Encoding.ASCII.GetBytes(authorityPem));
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1").AppendLine("kind: Config").AppendLine("clusters:");
        foreach (var cluster in clusters)
        {
            text.AppendLine($"- name: {cluster.Name}").AppendLine("  cluster:")
                .AppendLine($"    server: {ServerUrl(baseUrl, cluster.Name)}");
            if (ca is not null)
            {
                text.AppendLine($"    certificate-authority-data: {ca}");
            }
        }

        text.AppendLine("contexts:");
        foreach (var cluster in clusters)
        {
            text.AppendLine($"- name: {cluster.Name}").AppendLine("  context:")
                .AppendLine($"    cluster: {cluster.Name}").AppendLine($"    user: {cluster.Name}").AppendLine("    namespace: default");
        }

        text.AppendLine($"current-context: {clusters[0].Name}").AppendLine("preferences: {}").AppendLine("users:");
        foreach (var cluster in clusters)
        {
            text.AppendLine($"- name: {cluster.Name}").AppendLine("  user:").AppendLine($"    token: {cluster.Token}");
        }

        return text.ToString();
    }

    public static string ServerUrl(Uri baseUrl, string cluster) => $"{baseUrl.AbsoluteUri.TrimEnd('/')}/clusters/{cluster}";

    /// <summary>Writes the file readable by its owner only: it holds bearer tokens.</summary>
    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.Move(temp, path, overwrite: true);
    }
}
