using System.Text.Json.Nodes;
using Keelson.Core.Flows.Expressions;

namespace Keelson.Core.Tests.Flows;

public sealed class FlowExpressionTests
{
    private static readonly ExpressionScope Scope = new(new Dictionary<string, JsonNode?>
    {
        ["params"] = JsonNode.Parse("""{"node": "worker-1", "count": 3, "drain": true, "clusters": ["a", "b"], "empty": "", "labels": {"app": "web"}}"""),
        ["tasks"] = JsonNode.Parse("""{"drain": {"status": "succeeded", "outputs": {"evicted": 7, "pods": ["x/a", "x/b"]}}, "add-capacity": {"status": "succeeded", "outputs": {"body": {"nodes": ["n1"]}}}}"""),
        ["item"] = JsonValue.Create("b"),
        ["index"] = JsonValue.Create(1),
    });

    [Theory]
    [InlineData("params.node", "\"worker-1\"")]
    [InlineData("params['node']", "\"worker-1\"")]
    [InlineData("tasks.drain.outputs.evicted", "7")]
    [InlineData("tasks.drain.outputs.pods[1]", "\"x/b\"")]
    [InlineData("tasks.drain.outputs.pods[-1]", "\"x/b\"")]
    [InlineData("tasks.add-capacity.outputs.body.nodes[0]", "\"n1\"")]
    [InlineData("tasks.drain.outputs.missing", "null")]
    [InlineData("tasks.drain.outputs.evicted > 5 && params.drain", "true")]
    [InlineData("tasks.drain.outputs.evicted == 7.0", "true")]
    [InlineData("params.count != 3 || item == 'b'", "true")]
    [InlineData("!params.drain", "false")]
    [InlineData("!params.empty", "true")]
    [InlineData("params.empty || 'default'", "\"default\"")]
    [InlineData("params.node && 'set'", "\"set\"")]
    [InlineData("len(params.clusters) == 2", "true")]
    [InlineData("len(params.node)", "8")]
    [InlineData("contains(params.clusters, item)", "true")]
    [InlineData("contains(params.node, 'ker')", "true")]
    [InlineData("contains(params.labels, 'app')", "true")]
    [InlineData("contains(['x', 'y'], 'z')", "false")]
    [InlineData("startsWith(params.node, 'worker-') && endsWith(params.node, '1')", "true")]
    [InlineData("format('{0} of {1} ({{literal}})', index, len(params.clusters))", "\"1 of 2 ({literal})\"")]
    [InlineData("join(params.clusters, ' → ')", "\"a → b\"")]
    [InlineData("toJson(params.labels)", "\"{\\\"app\\\":\\\"web\\\"}\"")]
    [InlineData("'it''s'", "\"it's\"")]
    [InlineData("(1 < 2) == true", "true")]
    [InlineData("'abc' < 'abd'", "true")]
    public void Evaluate_ComputesTheValue(string expression, string expected)
    {
        var value = FlowExpression.Parse(expression).Evaluate(Scope);

        Assert.Equal(JsonNode.Parse(expected)?.ToJsonString() ?? "null", value?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("params.node ==", "expected a value")]
    [InlineData("params.node = 'x'", "a single '=' is not an operator")]
    [InlineData("1 < 2 < 3", "comparisons cannot be chained")]
    [InlineData("length(params.node)", "unknown function \"length\"")]
    [InlineData("len()", "len() was given 0 argument(s); use len(value)")]
    [InlineData("'open", "has no closing '")]
    [InlineData("params.node params.count", "unexpected \"params\" after a complete expression")]
    [InlineData("", "the expression is empty")]
    public void Parse_InvalidExpression_SaysWhatIsWrongAndWhere(string expression, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => FlowExpression.Parse(expression));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("params.node < 3", "cannot order the string \"worker-1\" and the number 3")]
    [InlineData("len(params.count)", "len() takes a string, a list or an object, not the number 3")]
    [InlineData("secrets.token", "\"secrets\" is not available here")]
    public void Evaluate_ValuesOfTheWrongType_FailWithTheValues(string expression, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => FlowExpression.Parse(expression).Evaluate(Scope));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_WholeExpression_KeepsItsTypeAndInterpolationMakesText()
    {
        var errors = new List<(string, string)>();
        var template = FlowTemplate.Compile(JsonNode.Parse("""
            {"count": "${{ tasks.drain.outputs.evicted }}", "message": "evicted ${{ tasks.drain.outputs.evicted }} pods from ${{ params.node }}",
             "nested": {"list": ["${{ params.clusters }}", "${{ item }}"]}, "plain": "no expressions"}
            """), errors);

        var value = template.Evaluate(Scope);

        Assert.Empty(errors);
        Assert.Equal("""{"count":7,"message":"evicted 7 pods from worker-1","nested":{"list":[["a","b"],"b"]},"plain":"no expressions"}""", value!.ToJsonString());
    }

    [Fact]
    public void Paths_ListWhatTheExpressionReads()
    {
        var expression = FlowExpression.Parse("tasks.drain.outputs.evicted > len(params.clusters) && item");

        Assert.Equal(["tasks.drain.outputs.evicted", "params.clusters", "item"], expression.Paths.Select(p => string.Join('.', p)));
    }
}
