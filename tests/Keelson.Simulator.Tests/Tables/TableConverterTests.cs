using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Tests.Tables;

public sealed class TableConverterTests
{
    public static TheoryData<string> Cases => TestCases.Names("tables");

    /// <summary>
    /// Each <c>testdata/tables/&lt;case&gt;/objects.json</c> holds the request (apiVersion, kind, now and the optional
    /// includeObject, noHeaders, resourceVersion, continue) and the items; <c>expected.json</c> is the Table
    /// kube-apiserver 1.30 answers with.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_ProducesTheTableKubeApiserverReturns(string name)
    {
        var input = TestCases.Read("tables", name, "objects.json")!;
        Assert.True(TableOptions.TryParseIncludeObject(input.GetString("includeObject"), out var includeObject));
        var options = new TableOptions
        {
            Now = TimeJsonConverter.ParseRfc3339(input.GetString("now")),
            IncludeObject = includeObject,
            NoHeaders = input["noHeaders"]?.GetValue<bool>() ?? false,
            ResourceVersion = input.GetString("resourceVersion"),
            Continue = input.GetString("continue"),
        };
        var items = input["items"]!.AsArray().Select(item => item!.AsObject()).ToList();

        var table = TableConverter.Convert(input.GetString("apiVersion")!, input.GetString("kind")!, items, options);

        TestCases.AssertJsonEqual(TestCases.Read("tables", name, "expected.json"), table);
    }

    [Fact]
    public void Convert_DoesNotChangeTheItems()
    {
        var pod = JsonNode.Parse("""{"metadata":{"name":"web"},"spec":{"containers":[{"name":"app"}]}}""")!.AsObject();
        var before = pod.ToJsonString();

        TableConverter.Convert("v1", "Pod", [pod], new TableOptions { Now = DateTimeOffset.UnixEpoch, IncludeObject = IncludeObjectPolicy.Object });

        Assert.Equal(before, pod.ToJsonString());
    }

    [Theory]
    [InlineData(null, IncludeObjectPolicy.Metadata)]
    [InlineData("", IncludeObjectPolicy.Metadata)]
    [InlineData("Metadata", IncludeObjectPolicy.Metadata)]
    [InlineData("Object", IncludeObjectPolicy.Object)]
    [InlineData("None", IncludeObjectPolicy.None)]
    public void TryParseIncludeObject_WithKnownValue_ReturnsThePolicy(string? value, IncludeObjectPolicy expected)
    {
        Assert.True(TableOptions.TryParseIncludeObject(value, out var policy));
        Assert.Equal(expected, policy);
    }

    [Theory]
    [InlineData("object")]
    [InlineData("All")]
    public void TryParseIncludeObject_WithUnknownValue_IsRejected(string value) =>
        Assert.False(TableOptions.TryParseIncludeObject(value, out _));
}
