using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tests.Tables;

/// <summary>Reads the table-driven cases under <c>testdata/</c> and compares JSON without regard to property order.</summary>
internal static class TestCases
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The case folder names under <c>testdata/&lt;area&gt;</c>, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names(string area)
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "testdata", area)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    /// <summary>Reads <c>testdata/&lt;area&gt;/&lt;name&gt;/&lt;file&gt;</c> as a JSON object, or null when the file does not exist.</summary>
    public static JsonObject? Read(string area, string name, string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", area, name, file);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : null;
    }

    /// <summary>Asserts equal JSON, showing both documents with sorted keys so a failure reads as a diff.</summary>
    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.Equal(Canonical(expected), Canonical(actual));

    private static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, Sorted(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
