using System.Text.Json.Nodes;

namespace Keelson.Kubernetes.Tests.Yaml;

/// <summary>Reads the tables and files under <c>testdata/yaml/</c>.</summary>
internal static class YamlTestData
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "testdata", "yaml");

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>The rows of a tab-separated table: the YAML text and what kubectl made of it.</summary>
    public static TheoryData<string, string> Table(string name)
    {
        var rows = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Directory, name)))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            rows.Add(line[..tab], line[(tab + 1)..]);
        }

        return rows;
    }

    /// <summary>The names (without extension) of the files with <paramref name="extension"/> in <paramref name="folder"/>.</summary>
    public static TheoryData<string> Names(string folder, string extension) =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*" + extension)
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether two JSON values are the same, comparing numbers by value.</summary>
    public static bool SameValue(JsonNode? expected, JsonNode? actual) =>
        expected is JsonValue e && actual is JsonValue a &&
        e.GetValueKind() == System.Text.Json.JsonValueKind.Number && a.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(e.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == double.Parse(a.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : JsonNode.DeepEquals(expected, actual);
}
