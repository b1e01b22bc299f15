namespace Keelson.Kubernetes.Config;

/// <summary>Formats where a kubeconfig entry is defined, the same way in every message.</summary>
internal static class KubeConfigLocation
{
    public static string Describe(string kind, string name, string source, int line)
    {
        var where = $"{kind} \"{name}\"";
        if (source.Length > 0)
        {
            where += $" in {source}";
        }

        return line > 0 ? $"{where} line {line}" : where;
    }
}
