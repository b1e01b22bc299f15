using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Kubernetes.Tests.Yaml;

public class YamlJsonReadTests
{
    public static TheoryData<string, string> Scalars => YamlTestData.Table("scalars.txt");

    public static TheoryData<string, string> Keys => YamlTestData.Table("keys.txt");

    [Theory]
    [MemberData(nameof(Scalars))]
    public void ToJsonNodes_AScalar_BecomesWhatKubectlMakesOfIt(string yaml, string expectedJson)
    {
        var document = YamlJson.ToJsonNodes($"v: {yaml}\n", "scalar.yaml").Single();

        var actual = document["v"];
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(YamlTestData.SameValue(expected, actual), $"'{yaml}' should read as {expectedJson}, not {actual?.ToJsonString() ?? "null"}");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void ToJsonNodes_AMapKey_BecomesTheFieldNameKubectlMakesOfIt(string yaml, string expectedName)
    {
        var document = YamlJson.ToJsonNodes($"{yaml}: v\n", "key.yaml").Single().AsObject();

        Assert.Equal(expectedName, Assert.Single(document).Key);
    }

    [Fact]
    public void ToJsonNodes_SeveralDocuments_GivesOneNodePerDocumentSkippingEmptyAndNullOnes()
    {
        const string yaml = """
            # leading comment
            ---
            a: 1
            ---
            # only a comment
            ---
            ~
            ---
            - x
            - z
            ---
            just text
            ...
            """;

        var nodes = YamlJson.ToJsonNodes(yaml, "multi.yaml");

        Assert.Equal(["""{"a":1}""", """["x","z"]""", "\"just text\""], nodes.Select(n => n.ToJsonString()));
    }

    [Fact]
    public void ToJsonNodes_BlockScalars_KeepOrFoldLineBreaksAsTheirIndicatorsSay()
    {
        const string yaml = """
            literal: |
              line 1
                indented
              line 3
            folded: >
              one
              two

              three
            strip: |-
              no newline
            keep: |+
              kept

            last: end
            """;

        var document = YamlJson.ToJsonNodes(yaml, "blocks.yaml").Single();

        Assert.Equal("line 1\n  indented\nline 3\n", (string)document["literal"]!);
        Assert.Equal("one two\nthree\n", (string)document["folded"]!);
        Assert.Equal("no newline", (string)document["strip"]!);
        Assert.Equal("kept\n\n", (string)document["keep"]!);
    }

    [Fact]
    public void ToJsonNodes_AnchorsAndAliases_AreExpandedIntoIndependentCopies()
    {
        const string yaml = """
            base: &base
              image: nginx
              ports: [80]
            first: *base
            second: *base
            """;

        var document = YamlJson.ToJsonNodes(yaml, "anchors.yaml").Single();
        document["first"]!["image"] = "changed";

        Assert.Equal("nginx", (string)document["second"]!["image"]!);
        Assert.Equal("nginx", (string)document["base"]!["image"]!);
        Assert.Equal(80, (int)document["second"]!["ports"]![0]!);
    }

    [Fact]
    public void ToJsonNodes_MergeKeys_ApplyInKubectlsOrder()
    {
        // Recorded with kubectl 1.30: a merge overwrites keys set before it, keys after it win,
        // and in a list of maps the first map wins.
        const string yaml = """
            a: &a {p: a1, q: a2}
            b: &b {p: b1, r: b2}
            merged:
              p: before
              <<: [*a, *b]
              q: after
            single:
              <<: *a
              extra: 1
            quoted:
              "<<": not a merge
            """;

        var document = YamlJson.ToJsonNodes(yaml, "merge.yaml").Single();

        Assert.Equal("""{"p":"a1","q":"after","r":"b2"}""", Sorted(document["merged"]!));
        Assert.Equal("""{"extra":1,"p":"a1","q":"a2"}""", Sorted(document["single"]!));
        Assert.Equal("not a merge", (string)document["quoted"]!["<<"]!);
        Assert.Equal("""{"p":"a1","q":"a2"}""", Sorted(document["a"]!));
    }

    [Fact]
    public void ToJsonNodes_ADuplicateKey_KeepsTheLastValueAsKubectlDoes()
    {
        var document = YamlJson.ToJsonNodes("a: 1\nb: 2\na: 3\n", "dup.yaml").Single();

        Assert.Equal(3, (int)document["a"]!);
        Assert.Equal(2, document.AsObject().Count);
    }

    [Fact]
    public void ToJsonNodes_Json_IsReadAsYaml()
    {
        var document = YamlJson.ToJsonNodes("""{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"1","b":"\u003ctag\u003e"},"n":1.5}""", "body.json").Single();

        Assert.Equal("1", (string)document["data"]!["a"]!);
        Assert.Equal("<tag>", (string)document["data"]!["b"]!);
        Assert.Equal(1.5, (double)document["n"]!);
    }

    [Fact]
    public void ToJsonNodes_WindowsLineEndingsAndAByteOrderMark_ReadAsKubectlReadsThem()
    {
        var document = YamlJson.ToJsonNodes("\uFEFFkind: ConfigMap\r\ndata:\r\n  script: |\r\n    line 1\r\n    line 2\r\n", "windows.yaml").Single();

        Assert.Equal("ConfigMap", (string)document["kind"]!);
        Assert.Equal("line 1\nline 2\n", (string)document["data"]!["script"]!);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 1, 1, "the YAML is malformed: it cannot be read past this line, often because of an unclosed")]
    [InlineData("a: 1\n  b: 2\n", 1, 2, "the YAML is malformed: ")]
    [InlineData("a: 1\n---\nb: \"open\n", 2, 3, "the YAML is malformed: ")]
    [InlineData("a: 1\n---\nb: .inf\n", 2, 3, ".inf is not a number JSON can hold")]
    [InlineData("a: 1\nb: !!int abc\n", 1, 2, "cannot decode !!str `abc` as a !!int")]
    [InlineData("a: *nowhere\n", 1, 1, "the alias *nowhere refers to no anchor")]
    [InlineData("a:\n  ~: null key\n", 1, 2, "a map key cannot be null")]
    [InlineData("a:\n  [x]: list key\n", 1, 2, "a map key must be a string, number or boolean, not a list")]
    [InlineData("a:\n  <<: 3\n", 1, 2, "a merge key (<<) needs a map or a list of maps")]
    [InlineData("a: !!binary '%%%'\n", 1, 1, "the !!binary value is not valid base64")]
    public void ToJsonNodes_BadInput_FailsNamingSourceDocumentAndLine(string yaml, int document, int line, string problem)
    {
        var error = Assert.Throws<ManifestException>(() => YamlJson.ToJsonNodes(yaml, "input.yaml"));

        Assert.Equal(("input.yaml", document, line), (error.SourceName, error.Document, error.Line));
        Assert.StartsWith($"input.yaml: document {document}, line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJsonNodes_ABillionLaughs_IsRefusedInsteadOfExpanded()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var error = Assert.Throws<ManifestException>(() => YamlJson.ToJsonNodes(yaml.ToString(), "laughs.yaml"));

        Assert.Contains("excessive aliasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJsonNodes_DeepNesting_IsRefusedWithoutOverflowingTheStack()
    {
        var yaml = new string('[', 5000) + new string(']', 5000);

        var error = Assert.Throws<ManifestException>(() => YamlJson.ToJsonNodes(yaml, "deep.yaml"));

        Assert.Contains("nests deeper than", error.Message, StringComparison.Ordinal);
    }

    private static string Sorted(JsonNode node) =>
        new JsonObject(node.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();
}
