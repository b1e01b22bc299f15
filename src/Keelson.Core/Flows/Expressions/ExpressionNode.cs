using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>A node of a parsed expression.</summary>
internal abstract class ExpressionNode
{
    /// <summary>Computes the value. Results may be nodes of the scope's trees: clone before attaching them elsewhere.</summary>
    public abstract JsonNode? Evaluate(ExpressionScope scope);

    /// <summary>Adds every path this node reads (e.g. <c>tasks.drain.outputs.evicted</c>) to <paramref name="paths"/>.</summary>
    public abstract void CollectPaths(List<IReadOnlyList<string>> paths);

    /// <summary>The static path this node denotes (root name then member names), or null when it is not a plain path.</summary>
    public virtual IReadOnlyList<string>? StaticPath => null;
}
