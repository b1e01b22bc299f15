using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources.Models;

/// <summary>Finds every field a model kept in an <c>ExtensionData</c> dictionary, by its JSON path (e.g. <c>spec.containers[0].resizePolicy</c>).</summary>
internal static class UntypedFields
{
    public static SortedSet<string> Of(object model)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        Walk(model, "", found);
        return found;
    }

    private static void Walk(object? value, string path, SortedSet<string> found)
    {
        if (value is null)
        {
            return;
        }

        var info = KubernetesJson.Options.GetTypeInfo(value.GetType());
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    var child = property.Get?.Invoke(value);
                    if (property.IsExtensionData)
                    {
                        foreach (var key in ((IDictionary<string, JsonElement>?)child)?.Keys ?? [])
                        {
                            found.Add(Join(path, key));
                        }
                    }
                    else
                    {
                        Walk(child, Join(path, property.Name), found);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    Walk(item, $"{path}[{index++}]", found);
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    Walk(entry.Value, $"{path}[{entry.Key}]", found);
                }

                break;
            default:
                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
