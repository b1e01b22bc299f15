using System.Text;
using Keelson.Simulator.Patching;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Tests.Patching;

public class ApplyConfigurationTests
{
    private static readonly byte[] RepeatedReplicas = Encoding.UTF8.GetBytes("{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"Deployment\",\n  \"spec\": {\n    \"replicas\": 1,\n    \"replicas\": 2\n  }\n}");

    [Fact]
    public void CheckDuplicates_StrictWithRepeatedKey_FailsWithTheYamlReadersWords()
    {
        var configuration = ApplyConfiguration.Parse(RepeatedReplicas);

        var error = Assert.Throws<PatchException>(() => configuration.CheckDuplicates(FieldValidationMode.Strict));

        Assert.Equal(400, error.Code);
        Assert.Equal("error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 6: key \"replicas\" already set in map", error.Message);
        Assert.Equal(2, configuration.Object["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void CheckDuplicates_Warn_ReturnsOneWarning()
    {
        var warnings = ApplyConfiguration.Parse(RepeatedReplicas).CheckDuplicates(FieldValidationMode.Warn);

        Assert.Single(warnings);
    }

    [Fact]
    public void Parse_NotAnObject_IsBadRequest()
    {
        var error = Assert.Throws<PatchException>(() => ApplyConfiguration.Parse("[1]"u8));

        Assert.Equal(400, error.Code);
        Assert.StartsWith("error decoding YAML: ", error.Message, StringComparison.Ordinal);
    }
}
