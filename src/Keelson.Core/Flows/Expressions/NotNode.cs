using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary><c>!operand</c>: true when the operand is not truthy.</summary>
internal sealed class NotNode(ExpressionNode operand) : ExpressionNode
{
    public override JsonNode? Evaluate(ExpressionScope scope) => JsonValue.Create(!ExpressionValues.IsTruthy(operand.Evaluate(scope)));

    public override void CollectPaths(List<IReadOnlyList<string>> paths) => operand.CollectPaths(paths);
}
