using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Tests.TestData;

namespace Keelson.Simulator.Tests.Schema;

public class FieldValidationTests
{
    private const string Area = "fieldvalidation";

    public static TheoryData<string> Cases => TestDataCases.Folders(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_TestdataCase_StoresPrunedObjectOrAnswersLikeKubeApiserver(string name)
    {
        var settings = TestDataCases.Json(Area, name, "case.json");
        var schema = SchemaRegistry.BuiltIn.For((string)settings["apiVersion"]!, (string)settings["kind"]!)!;
        Assert.True(FieldValidation.TryParseMode((string?)settings["mode"], out var mode));
        var body = TestDataCases.Bytes(Area, name, "request.json");

        if (TestDataCases.Exists(Area, name, "error.txt"))
        {
            var error = Assert.Throws<DecodeException>(() => FieldValidation.Decode(body, schema, mode));
            Assert.Equal(TestDataCases.Text(Area, name, "error.txt"), error.Message);
            Assert.Equal(400, error.ToStatus().Code);
            Assert.Equal("BadRequest", error.ToStatus().Reason);
            return;
        }

        var decoded = FieldValidation.Decode(body, schema, mode);

        Assert.Equal(TestDataCases.Compact(TestDataCases.Json(Area, name, "expected.json")), TestDataCases.Compact(decoded.Object));
        var expectedWarnings = TestDataCases.Exists(Area, name, "warnings.txt")
            ? TestDataCases.Text(Area, name, "warnings.txt").Split('\n')
            : [];
        Assert.Equal(expectedWarnings, decoded.Warnings);
    }

    [Fact]
    public void Decode_ParsedYamlBody_PrunesUnknownFieldsButCannotSeeDuplicates()
    {
        var schema = SchemaRegistry.BuiltIn.For("v1", "ConfigMap")!;
        var body = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"extra":true}""");

        var decoded = FieldValidation.Decode(body, schema, FieldValidationMode.Warn);

        Assert.False(decoded.Object.ContainsKey("extra"));
        Assert.Equal(["unknown field \"extra\""], decoded.Warnings);
    }

    [Theory]
    [InlineData(null, FieldValidationMode.Warn)]
    [InlineData("", FieldValidationMode.Warn)]
    [InlineData("Strict", FieldValidationMode.Strict)]
    [InlineData("Ignore", FieldValidationMode.Ignore)]
    public void TryParseMode_KnownValue_GivesMode(string? value, FieldValidationMode expected)
    {
        Assert.True(FieldValidation.TryParseMode(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void TryParseMode_WrongCase_IsRejectedLikeKubeApiserver()
    {
        Assert.False(FieldValidation.TryParseMode("strict", out _));
    }
}
