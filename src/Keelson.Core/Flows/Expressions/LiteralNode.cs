using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>A literal: a number, a string, true, false or null.</summary>
internal sealed class LiteralNode(JsonNode? value) : ExpressionNode
{
    public JsonNode? Value { get; } = value;

    public override JsonNode? Evaluate(ExpressionScope scope) => Value;

    public override void CollectPaths(List<IReadOnlyList<string>> paths)
    {
    }
}
