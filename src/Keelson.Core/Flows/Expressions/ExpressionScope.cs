using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// The names an expression can start from (<c>params</c>, <c>tasks</c>, <c>item</c>, <c>index</c>,
/// <c>run</c>, <c>error</c>) and their values. Values are read, never re-parented, so one JSON tree
/// can serve many evaluations.
/// </summary>
/// <param name="Roots">Each root name and its value.</param>
public sealed record ExpressionScope(IReadOnlyDictionary<string, JsonNode?> Roots)
{
    /// <summary>The value of a root name.</summary>
    /// <exception cref="ExpressionException">The name is not available here.</exception>
    public JsonNode? Root(string name) =>
        Roots.TryGetValue(name, out var value)
            ? value
            : throw new ExpressionException($"\"{name}\" is not available here; expressions start from: {string.Join(", ", Roots.Keys)}");
}
