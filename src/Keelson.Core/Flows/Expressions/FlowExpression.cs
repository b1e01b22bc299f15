using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// A parsed expression of the flow language: paths from <c>params</c>, <c>tasks</c>, <c>item</c>,
/// <c>index</c>, <c>run</c> (and <c>error</c> in a compensating task); literals (numbers, 'strings'
/// or "strings", true, false, null, lists); <c>==</c> <c>!=</c> <c>&lt;</c> <c>&lt;=</c> <c>&gt;</c>
/// <c>&gt;=</c>; <c>&amp;&amp;</c> <c>||</c> <c>!</c>; and the functions <c>len</c>, <c>contains</c>,
/// <c>startsWith</c>, <c>endsWith</c>, <c>format</c>, <c>join</c>, <c>toJson</c>.
/// </summary>
public sealed class FlowExpression
{
    private readonly ExpressionNode _root;

    private FlowExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
        var paths = new List<IReadOnlyList<string>>();
        root.CollectPaths(paths);
        Paths = paths;
    }

    /// <summary>The expression as written (without <c>${{ }}</c>).</summary>
    public string Text { get; }

    /// <summary>
    /// Every path the expression reads, as segments from the root (<c>["tasks", "drain", "outputs", "evicted"]</c>),
    /// so a definition can be checked before it runs.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Paths { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression; the message says where and why.</exception>
    public static FlowExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return new FlowExpression(text.Trim(), ExpressionParser.Parse(text));
        }
        catch (ExpressionException e) when (e.Position is { } position)
        {
            throw new ExpressionException($"{e.Message} (column {position + 1} of \"{text.Trim()}\")", position);
        }
    }

    /// <summary>
    /// Computes the value. The result may be part of the scope's trees: clone it (<see cref="JsonNode.DeepClone"/>)
    /// before attaching it to another tree.
    /// </summary>
    /// <exception cref="ExpressionException">A value has the wrong type for an operator or function, or a root name is unknown.</exception>
    public JsonNode? Evaluate(ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _root.Evaluate(scope);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
