using System.Text;
using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Yaml;

/// <summary>Writes objects as a multi-document YAML manifest, formatted as kubectl prints them with <c>-o yaml</c>.</summary>
public static class ManifestWriter
{
    /// <summary>
    /// The objects as YAML documents separated by <c>---</c> lines, each as <see cref="YamlJson.ToYaml"/>
    /// formats it; <see cref="ManifestReader"/> reads the result back into equal objects.
    /// </summary>
    public static string Write(IEnumerable<KubernetesObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var manifest = new StringBuilder();
        foreach (var obj in objects)
        {
            if (manifest.Length > 0)
            {
                manifest.Append("---\n");
            }

            manifest.Append(YamlJson.ToYaml(JsonSerializer.SerializeToNode(obj, obj.GetType(), KubernetesJson.Options)));
        }

        return manifest.ToString();
    }
}
