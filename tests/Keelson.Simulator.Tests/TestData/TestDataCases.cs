using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tests.TestData;

/// <summary>Finds the case folders under <c>testdata/</c> so each new case is a folder, not code.</summary>
internal static class TestDataCases
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    public static TheoryData<string> Folders(string area)
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(Root, area)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    public static string PathOf(string area, string name, string file) => Path.Combine(Root, area, name, file);

    public static bool Exists(string area, string name, string file) => File.Exists(PathOf(area, name, file));

    public static string Text(string area, string name, string file) => File.ReadAllText(PathOf(area, name, file)).TrimEnd('\n');

    public static byte[] Bytes(string area, string name, string file) => File.ReadAllBytes(PathOf(area, name, file));

    public static JsonNode Json(string area, string name, string file) =>
        JsonNode.Parse(File.ReadAllText(PathOf(area, name, file)))!;

    /// <summary>Compact JSON with key order kept, so tests can check the order the server writes fields in.</summary>
    public static string Compact(JsonNode? node) => node?.ToJsonString() ?? "null";
}
