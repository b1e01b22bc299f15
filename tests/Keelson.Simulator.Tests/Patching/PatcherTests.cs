using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Patching;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Tests.TestData;

namespace Keelson.Simulator.Tests.Patching;

/// <summary>
/// Each folder under <c>testdata/patching</c> is one patch: <c>case.json</c> (kind, patch type, field validation),
/// <c>original.json</c>, <c>patch.json</c> or <c>patch.yaml</c>, and either <c>expected.json</c> (the stored result)
/// with optional <c>warnings.txt</c>, or <c>error.json</c> (status code, reason, message).
/// </summary>
public class PatcherTests
{
    private const string Area = "patching";

    public static TheoryData<string> Cases => TestDataCases.Folders(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_TestdataCase_StoresWhatKubeApiserverStoresOrFailsLikeIt(string name)
    {
        var settings = TestDataCases.Json(Area, name, "case.json");
        var schema = SchemaRegistry.BuiltIn.For((string)settings["apiVersion"]!, (string)settings["kind"]!)!;
        var kind = (string)settings["patch"]! switch
        {
            "strategic" => PatchKind.StrategicMergePatch,
            "merge" => PatchKind.MergePatch,
            "json" => PatchKind.JsonPatch,
            var other => throw new InvalidOperationException($"{name}/case.json: unknown patch type {other}"),
        };
        Assert.True(FieldValidation.TryParseMode((string?)settings["fieldValidation"], out var mode));
        var original = (JsonObject)TestDataCases.Json(Area, name, "original.json");
        var body = TestDataCases.Exists(Area, name, "patch.yaml")
            ? Encoding.UTF8.GetBytes(YamlToJson.Convert(TestDataCases.Text(Area, name, "patch.yaml"))!.ToJsonString())
            : TestDataCases.Bytes(Area, name, "patch.json");
        var before = original.ToJsonString();

        if (TestDataCases.Exists(Area, name, "error.json"))
        {
            var expected = TestDataCases.Json(Area, name, "error.json");
            var error = Assert.Throws<PatchException>(() => Patcher.Apply(kind, original, body, schema, mode));
            Assert.Equal((int)expected["code"]!, error.Code);
            Assert.Equal((string)expected["reason"]!, error.Reason);
            Assert.Equal((string)expected["message"]!, error.Message);
            return;
        }

        var result = Patcher.Apply(kind, original, body, schema, mode);

        Assert.Equal(TestDataCases.Compact(TestDataCases.Json(Area, name, "expected.json")), TestDataCases.Compact(result.Object));
        var expectedWarnings = TestDataCases.Exists(Area, name, "warnings.txt")
            ? TestDataCases.Text(Area, name, "warnings.txt").Split('\n')
            : [];
        Assert.Equal(expectedWarnings, result.Warnings);
        Assert.Equal(before, original.ToJsonString());
    }

    [Theory]
    [InlineData("application/strategic-merge-patch+json", PatchKind.StrategicMergePatch)]
    [InlineData("application/merge-patch+json; charset=utf-8", PatchKind.MergePatch)]
    [InlineData("application/json-patch+json", PatchKind.JsonPatch)]
    [InlineData("application/apply-patch+yaml", PatchKind.Apply)]
    public void TryParse_PatchContentType_FindsKind(string contentType, PatchKind expected)
    {
        Assert.True(PatchKinds.TryParse(contentType, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void TryParse_PlainJson_IsNotAPatchType()
    {
        Assert.False(PatchKinds.TryParse("application/json", out _));
    }
}
