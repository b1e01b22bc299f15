using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>
/// A task input as written (any JSON value) with the <c>${{ }}</c> expressions in its strings parsed,
/// so it can be checked once and evaluated at each run.
/// </summary>
public sealed class FlowTemplate
{
    private readonly JsonNode? _node;
    private readonly Dictionary<JsonNode, StringTemplate> _strings;

    private FlowTemplate(JsonNode? node, Dictionary<JsonNode, StringTemplate> strings, List<(string, FlowExpression)> expressions)
    {
        _node = node;
        _strings = strings;
        Expressions = expressions;
    }

    /// <summary>Every expression in the value, with the path (relative to the value, e.g. <c>metadata.name</c>) where it appears.</summary>
    public IReadOnlyList<(string Path, FlowExpression Expression)> Expressions { get; }

    /// <summary>The value as written, for type checks of values without expressions.</summary>
    public JsonNode? Written => _node;

    /// <summary>Parses the expressions in <paramref name="node"/>; every invalid one is reported in <paramref name="errors"/> with its path.</summary>
    public static FlowTemplate Compile(JsonNode? node, List<(string Path, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var strings = new Dictionary<JsonNode, StringTemplate>(ReferenceEqualityComparer.Instance);
        var expressions = new List<(string, FlowExpression)>();
        Walk(node, "", strings, expressions, errors);
        return new FlowTemplate(node, strings, expressions);
    }

    /// <summary>A fresh copy of the value with every expression replaced by its value.</summary>
    /// <exception cref="ExpressionException">An expression failed to evaluate.</exception>
    public JsonNode? Evaluate(ExpressionScope scope) => Evaluate(_node, scope);

    private JsonNode? Evaluate(JsonNode? node, ExpressionScope scope)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Evaluate(value, scope);
                }

                return copy;
            case JsonArray list:
                return new JsonArray([.. list.Select(item => Evaluate(item, scope))]);
            default:
                return _strings.TryGetValue(node, out var template) ? template.Evaluate(scope) : node.DeepClone();
        }
    }

    private static void Walk(JsonNode? node, string path, Dictionary<JsonNode, StringTemplate> strings, List<(string, FlowExpression)> expressions, List<(string, string)> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", strings, expressions, errors);
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], $"{path}[{i}]", strings, expressions, errors);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && StringTemplate.HasExpression(text):
                try
                {
                    var template = StringTemplate.Parse(text);
                    strings[value] = template;
                    expressions.AddRange(template.Expressions.Select(e => (path, e)));
                }
                catch (ExpressionException e)
                {
                    errors.Add((path, e.Message));
                }

                break;
        }
    }
}
