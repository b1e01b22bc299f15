using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// A member or index access: <c>target.name</c>, <c>target['name']</c> or <c>target[0]</c>. A missing
/// member, an index past the end or access on null gives null, so optional outputs can be tested.
/// </summary>
internal sealed class MemberNode(ExpressionNode target, ExpressionNode key) : ExpressionNode
{
    public override IReadOnlyList<string>? StaticPath =>
        target.StaticPath is { } prefix && key is LiteralNode { Value: JsonValue v } && v.TryGetValue<string>(out var name)
            ? [.. prefix, name]
            : null;

    public override JsonNode? Evaluate(ExpressionScope scope)
    {
        var container = target.Evaluate(scope);
        var index = key.Evaluate(scope);
        switch (container)
        {
            case JsonObject obj when ExpressionValues.KindOf(index) == System.Text.Json.JsonValueKind.String:
                return obj.TryGetPropertyValue(index!.GetValue<string>(), out var member) ? member : null;
            case JsonArray list when ExpressionValues.KindOf(index) == System.Text.Json.JsonValueKind.Number:
                var number = ExpressionValues.ToNumber(index!);
                var position = (int)number;
                if (position != number)
                {
                    throw new ExpressionException($"a list index must be a whole number, not {number}");
                }

                if (position < 0)
                {
                    position += list.Count;
                }

                return position >= 0 && position < list.Count ? list[position] : null;
            case null:
                return null;
            case JsonArray:
                throw new ExpressionException($"a list is indexed by number, not by {ExpressionValues.Describe(index)}");
            case JsonObject:
                throw new ExpressionException($"an object's members are named by strings, not by {ExpressionValues.Describe(index)}");
            default:
                return null;
        }
    }

    public override void CollectPaths(List<IReadOnlyList<string>> paths)
    {
        if (StaticPath is { } path)
        {
            paths.Add(path);
            return;
        }

        target.CollectPaths(paths);
        key.CollectPaths(paths);
    }
}
