using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>A call of one of the built-in functions (see <see cref="ExpressionFunctions"/>).</summary>
internal sealed class CallNode(ExpressionFunction function, IReadOnlyList<ExpressionNode> arguments) : ExpressionNode
{
    public override JsonNode? Evaluate(ExpressionScope scope)
    {
        var values = new JsonNode?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Evaluate(scope);
        }

        return function.Invoke(values);
    }

    public override void CollectPaths(List<IReadOnlyList<string>> paths)
    {
        foreach (var argument in arguments)
        {
            argument.CollectPaths(paths);
        }
    }
}
