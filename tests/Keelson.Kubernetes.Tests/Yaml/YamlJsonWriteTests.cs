using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Kubernetes.Tests.Yaml;

public class YamlJsonWriteTests
{
    public static TheoryData<string> KubectlCases => YamlTestData.Names("kubectl", ".json");

    public static TheoryData<string> Strings =>
    [
        "", " ", "true", "yes", "Y", "on", "null", "~", "1.30", "0123", "0x1F", "1_000", "1e3", ".5", ".inf", "1:20",
        "2024-05-01", "<<", "*x", "&a", "!a", "%a", "@a", "`a", "'q'", "\"dq\"", "- a", "? a", "a: b", "a #b", "#a",
        "{a}", "[a]", "a,b", "trail ", " lead", "a\tb", "a\r\nb", "\n", "\n\n", "a\n", "a\nb", "a\nb\n\n", "  a\nb\n",
        "a \nb", "a\n ", "a\n\n\nb", "\u0001", "\u0085", "\ufeffa", "é", "\u00a0", "😀", "a\\b",
        string.Concat(Enumerable.Repeat("word ", 40)), string.Concat(Enumerable.Repeat("key: value ", 20)),
        string.Concat(Enumerable.Repeat("x", 200)), "{\"json\":true}\n",
    ];

    [Theory]
    [MemberData(nameof(KubectlCases))]
    public void ToYaml_AnObject_PrintsExactlyWhatKubectlPrints(string name)
    {
        // NAME.yaml is kubectl 1.30's output for NAME.json (kubectl label --local --overwrite -f NAME.json foo=bar -o yaml).
        var json = JsonNode.Parse(YamlTestData.Read(Path.Combine("kubectl", name + ".json")));

        var yaml = YamlJson.ToYaml(json);

        Assert.Equal(YamlTestData.Read(Path.Combine("kubectl", name + ".yaml")), yaml);
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void ToYaml_ThenToJsonNodes_GivesBackTheSameString(string text)
    {
        var yaml = YamlJson.ToYaml(new JsonObject { [text] = text });

        var read = YamlJson.ToJsonNodes(yaml, "strings.yaml").Single().AsObject();

        var (key, value) = Assert.Single(read);
        Assert.Equal(text, key);
        Assert.Equal(text, (string)value!);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-0", "0")]
    [InlineData("1.0", "1")]
    [InlineData("1e6", "1000000")]
    [InlineData("1.5", "1.5")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1e20", "1e+20")]
    [InlineData("1e21", "1e+21")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("-1.25e-7", "-1.25e-07")]
    public void ToYaml_ANumber_IsPrintedAsGoPrintsIt(string json, string yaml) =>
        Assert.Equal($"v: {yaml}\n", YamlJson.ToYaml(JsonNode.Parse($"{{\"v\":{json}}}")));

    [Fact]
    public void ToYaml_KeysThatLookLikeNumbers_AreOrderedAsKubectlOrdersThem()
    {
        var node = new JsonObject { ["a10"] = 1, ["a9"] = 1, ["b"] = 1, ["B"] = 1, ["10"] = 1, ["9"] = 1, ["a_b"] = 1 };

        var keys = YamlJson.ToYaml(node).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]);

        Assert.Equal(["\"9\"", "\"10\"", "B", "a_b", "a9", "a10", "b"], keys);
    }
}
