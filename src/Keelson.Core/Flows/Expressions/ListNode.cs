using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>A list written in the expression: <c>['a', 'b', params.extra]</c>.</summary>
internal sealed class ListNode(IReadOnlyList<ExpressionNode> elements) : ExpressionNode
{
    public override JsonNode? Evaluate(ExpressionScope scope) =>
        new JsonArray([.. elements.Select(e => e.Evaluate(scope)?.DeepClone())]);

    public override void CollectPaths(List<IReadOnlyList<string>> paths)
    {
        foreach (var element in elements)
        {
            element.CollectPaths(paths);
        }
    }
}
