using System.Text.RegularExpressions;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Tests.Flows;

public sealed partial class FlowDefinitionTests
{
    public static TheoryData<string> InvalidDefinitions() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Flows", "testdata", "invalid"), "*.yaml").Select(f => Path.GetFileName(f)!).Order()];

    public static TheoryData<string> ExampleFlows() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Flows", "examples"), "*.yaml").Select(f => Path.GetFileName(f)!).Order()];

    /// <summary>
    /// Each file under testdata/invalid starts with one "# expect: LINE | TASK | FIELD | MESSAGE" line per
    /// problem it must produce ("-" for no task or no field); it must produce exactly those.
    /// </summary>
    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void Validate_InvalidDefinition_NamesTaskFieldAndLineOfEachProblem(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", "testdata", "invalid", file));
        var expected = Expectation().Matches(text).Select(m => (
            Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            Task: m.Groups["task"].Value == "-" ? null : m.Groups["task"].Value,
            Field: m.Groups["field"].Value == "-" ? "" : m.Groups["field"].Value,
            Message: m.Groups["message"].Value.Trim())).ToList();
        Assert.NotEmpty(expected);

        var errors = FlowTestServices.Errors(text, file);

        foreach (var e in expected)
        {
            Assert.Contains(errors, error => error.Line == e.Line && error.Task == e.Task && error.Field == e.Field && error.Message.Contains(e.Message, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Count, errors.Count);
        Assert.All(errors, error => Assert.Equal(file, error.Source));
    }

    [Theory]
    [MemberData(nameof(ExampleFlows))]
    public void Validate_ExampleFlow_IsValid(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", "examples", file));

        Assert.Empty(FlowTestServices.Errors(text, file));
    }

    [Fact]
    public void Errors_AreReportedAsFileLineTaskAndField()
    {
        var exception = Assert.Throws<FlowDefinitionException>(() => FlowTestServices.Compile("""
            name: cordon-only
            tasks:
              - name: cordon
                uses: kube.cordon
                with: {cluster: prod-a, node: "${{ params.node }}"}
            """, "cordon.yaml"));

        Assert.Equal(
            "the flow definition is invalid: cordon.yaml:5: task \"cordon\": with.node: no parameter is named \"node\"; declare it under params: (in \"params.node\")",
            exception.Message);
    }

    [Fact]
    public void Read_DefinitionWrittenBack_ReadsTheSame()
    {
        var parsed = FlowDefinitionReader.Parse("""
            name: drain-node
            description: Cordon and drain.
            priority: 5
            params:
              cluster: string
              node: {type: string, description: the node}
              grace: {type: integer, default: 30}
            tasks:
              - name: cordon
                uses: kube.cordon
                with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}"}
              - name: drain
                uses: kube.drain
                needs: [cordon]
                timeout: 20m
                retry: {limit: 2, backoff: 30s, errors: [transient, timeout]}
                with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}", gracePeriodSeconds: "${{ params.grace }}"}
                onFailure: compensate
                compensate:
                  uses: kube.uncordon
                  with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}"}
            """, "drain.yaml").Definition;

        var again = FlowDefinitionReader.Parse(FlowDefinitionWriter.ToJson(parsed).ToJsonString(), "stored").Definition;

        Assert.Equal(FlowDefinitionWriter.ToJson(parsed).ToJsonString(), FlowDefinitionWriter.ToJson(again).ToJsonString());
        Assert.Equal(TimeSpan.FromMinutes(20), again.Tasks[1].Timeout);
        Assert.Equal(2, again.Tasks[1].Retry!.Limit);
        Assert.Equal(FailureAction.Compensate, again.Tasks[1].OnFailure);
        Assert.Equal("kube.uncordon", again.Tasks[1].Compensate!.Uses);
        Assert.Equal(30, again.Params[2].Default!.GetValue<int>());
        Assert.False(again.Params[2].Required);
        Assert.Empty(FlowTestServices.Validator.Validate(again));
    }

    [Fact]
    public void Validate_DefinitionBuiltInCSharp_NamesTaskAndFieldWithoutLine()
    {
        var definition = new FlowDefinition
        {
            Name = "scale-down",
            Tasks =
            [
                new FlowTask { Name = "scale", Uses = "kube.scale", With = new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["cluster"] = "prod-a", ["name"] = "web" } },
            ],
        };

        var error = Assert.Single(FlowTestServices.Validator.Validate(definition));

        Assert.Equal(new FlowValidationError(null, null, "scale", "with", error.Message), error);
        Assert.Contains("kube.scale needs input \"replicas\"", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^# expect: (?<line>[0-9]+) \| (?<task>[^|]+?) \| (?<field>[^|]+?) \| (?<message>.+)$", RegexOptions.Multiline)]
    private static partial Regex Expectation();
}
