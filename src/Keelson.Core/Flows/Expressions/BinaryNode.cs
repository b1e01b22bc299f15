using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// A comparison, or <c>&amp;&amp;</c> / <c>||</c>. The logical operators short-circuit and give one of
/// their operands (so <c>params.x || 'default'</c> supplies a default), as in GitHub Actions.
/// </summary>
internal sealed class BinaryNode(ExpressionTokenKind op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    public override JsonNode? Evaluate(ExpressionScope scope)
    {
        var l = left.Evaluate(scope);
        switch (op)
        {
            case ExpressionTokenKind.And:
                return ExpressionValues.IsTruthy(l) ? right.Evaluate(scope) : l;
            case ExpressionTokenKind.Or:
                return ExpressionValues.IsTruthy(l) ? l : right.Evaluate(scope);
        }

        var r = right.Evaluate(scope);
        return JsonValue.Create(op switch
        {
            ExpressionTokenKind.Equal => ExpressionValues.AreEqual(l, r),
            ExpressionTokenKind.NotEqual => !ExpressionValues.AreEqual(l, r),
            ExpressionTokenKind.Less => ExpressionValues.Compare(l, r) < 0,
            ExpressionTokenKind.LessOrEqual => ExpressionValues.Compare(l, r) <= 0,
            ExpressionTokenKind.Greater => ExpressionValues.Compare(l, r) > 0,
            ExpressionTokenKind.GreaterOrEqual => ExpressionValues.Compare(l, r) >= 0,
            _ => throw new InvalidOperationException($"not a binary operator: {op}"),
        });
    }

    public override void CollectPaths(List<IReadOnlyList<string>> paths)
    {
        left.CollectPaths(paths);
        right.CollectPaths(paths);
    }
}
