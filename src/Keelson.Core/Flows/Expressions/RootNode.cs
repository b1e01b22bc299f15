using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>A name an expression starts from, such as <c>params</c> or <c>tasks</c>.</summary>
internal sealed class RootNode(string name) : ExpressionNode
{
    public override IReadOnlyList<string> StaticPath { get; } = [name];

    public override JsonNode? Evaluate(ExpressionScope scope) => scope.Root(name);

    public override void CollectPaths(List<IReadOnlyList<string>> paths) => paths.Add(StaticPath);
}
