using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Core.Flows.Expressions;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Flows.Definitions;

/// <summary>
/// Reads flow definitions from YAML (or JSON) strictly: an unknown field, a value of the wrong type
/// or malformed YAML is reported with the task, the field and the line. Scalars are read as
/// kubectl reads manifests (YAML 1.1: <c>yes</c>/<c>no</c> are booleans).
/// </summary>
/// <remarks>
/// <code>
/// name: drain-node
/// description: Cordon a node and evict its pods.
/// params:
///   cluster: {type: string}
///   node: {type: string, description: the node to drain}
/// tasks:
///   - name: cordon
///     uses: kube.cordon
///     with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}"}
///   - name: drain
///     uses: kube.drain
///     needs: [cordon]
///     with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}", timeout: 15m}
///     retry: {limit: 2, backoff: 30s, errors: [transient, timeout]}
///     onFailure: compensate
///     compensate: {uses: kube.uncordon, with: {cluster: "${{ params.cluster }}", node: "${{ params.node }}"}}
/// </code>
/// </remarks>
public static class FlowDefinitionReader
{
    private static readonly string[] FlowFields = ["name", "description", "params", "tasks", "priority", "concurrency"];
    private static readonly string[] ParameterFields = ["type", "required", "default", "description"];
    private static readonly string[] TaskFields = ["name", "uses", "with", "needs", "retry", "timeout", "when", "forEach", "concurrency", "onFailure", "compensate"];
    private static readonly string[] CompensateFields = ["name", "uses", "with", "retry", "timeout"];
    private static readonly string[] RetryFields = ["limit", "backoff", "factor", "maxBackoff", "errors"];

    /// <summary>Reads one definition from <paramref name="text"/>.</summary>
    /// <param name="text">One YAML (or JSON) document.</param>
    /// <param name="source">The file name (or other source) used in error messages.</param>
    /// <exception cref="FlowDefinitionException">The text is malformed or does not fit the definition's shape.</exception>
    public static ParsedFlowDefinition Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        IReadOnlyList<JsonNode> documents;
        try
        {
            documents = YamlJson.ToJsonNodes(text, source);
        }
        catch (ManifestException e)
        {
            throw new FlowDefinitionException([new FlowValidationError(source, e.Line, null, "", WithoutLocation(e.Message))]);
        }

        var map = FlowSourceMap.Build(text, source);
        if (documents.Count != 1)
        {
            throw new FlowDefinitionException([new FlowValidationError(source, documents.Count == 0 ? 1 : null, null, "",
                documents.Count == 0 ? "the file is empty; a flow needs at least a name and tasks" : "expected one flow per file, found several YAML documents; remove the extra '---' sections")]);
        }

        return new ParsedFlowDefinition(Bind(documents[0], map), map);
    }

    /// <summary>Reads a definition stored as JSON by <see cref="FlowDefinitionWriter"/>.</summary>
    internal static FlowDefinition FromJson(string json, string source) => Parse(json, source).Definition;

    private static FlowDefinition Bind(JsonNode root, FlowSourceMap map)
    {
        var tasksNode = (root as JsonObject)?["tasks"] as JsonArray;
        var locator = new FlowErrorLocator(map, i => tasksNode is not null && i < tasksNode.Count && tasksNode[i] is JsonObject t && t["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : null);
        var reader = new Reader(locator);
        var definition = reader.Flow(root);
        if (locator.Errors.Count > 0)
        {
            throw new FlowDefinitionException(locator.Errors);
        }

        return definition!;
    }

    private sealed class Reader(FlowErrorLocator errors)
    {
        public FlowDefinition? Flow(JsonNode root)
        {
            if (!Object(root, "", FlowFields, out var obj))
            {
                return null;
            }

            var name = String(obj, "name", "", required: true) ?? "";
            var tasks = new List<FlowTask>();
            if (obj["tasks"] is { } tasksNode)
            {
                if (tasksNode is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (Task(list[i], $"tasks[{i}]", compensate: false) is { } task)
                        {
                            tasks.Add(task);
                        }
                    }
                }
                else
                {
                    errors.Add("tasks", $"expected a list of tasks, found {Describe(tasksNode)}");
                }
            }
            else
            {
                errors.Add("tasks", "a flow needs tasks: add a list under 'tasks:' (each with a name and 'uses: EXECUTOR')");
            }

            return new FlowDefinition
            {
                Name = name,
                Description = String(obj, "description", "", required: false),
                Params = Parameters(obj["params"]),
                Tasks = tasks,
                Priority = Integer(obj, "priority", "") ?? 0,
                Concurrency = Integer(obj, "concurrency", ""),
            };
        }

        private List<FlowParameter> Parameters(JsonNode? node)
        {
            var parameters = new List<FlowParameter>();
            if (node is null)
            {
                return parameters;
            }

            if (node is not JsonObject obj)
            {
                errors.Add("params", $"expected a mapping of parameter names to their type, found {Describe(node)}; e.g. 'params: {{node: {{type: string}}}}'");
                return parameters;
            }

            foreach (var (name, value) in obj)
            {
                var path = $"params.{name}";
                if (value is JsonValue shorthand && shorthand.TryGetValue<string>(out var typeName))
                {
                    if (Enum(typeName, path, out FlowValueType shortType))
                    {
                        parameters.Add(new FlowParameter { Name = name, Type = shortType });
                    }

                    continue;
                }

                if (value is null)
                {
                    parameters.Add(new FlowParameter { Name = name });
                    continue;
                }

                if (!Object(value, path, ParameterFields, out var p))
                {
                    continue;
                }

                var type = FlowValueType.String;
                if (String(p, "type", path, required: false) is { } t && !Enum(t, $"{path}.type", out type))
                {
                    continue;
                }

                var hasDefault = p.ContainsKey("default");
                parameters.Add(new FlowParameter
                {
                    Name = name,
                    Type = type,
                    Default = p["default"]?.DeepClone(),
                    Required = !hasDefault && (Boolean(p, "required", path) ?? true),
                    Description = String(p, "description", path, required: false),
                });
            }

            return parameters;
        }

        private FlowTask? Task(JsonNode? node, string path, bool compensate)
        {
            if (!Object(node, path, compensate ? CompensateFields : TaskFields, out var obj))
            {
                return null;
            }

            var with = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            if (obj["with"] is { } withNode)
            {
                if (withNode is JsonObject inputs)
                {
                    foreach (var (key, value) in inputs)
                    {
                        with[key] = value?.DeepClone();
                    }
                }
                else
                {
                    errors.Add($"{path}.with", $"expected a mapping of input names to values, found {Describe(withNode)}");
                }
            }

            var onFailure = FailureAction.Stop;
            if (String(obj, "onFailure", path, required: false) is { } action)
            {
                Enum(action, $"{path}.onFailure", out onFailure);
            }

            return new FlowTask
            {
                Name = String(obj, "name", path, required: !compensate) ?? "",
                Uses = String(obj, "uses", path, required: true) ?? "",
                With = with,
                Needs = Strings(obj, "needs", path),
                Retry = Retry(obj["retry"], $"{path}.retry"),
                Timeout = Duration(obj, "timeout", path),
                When = Condition(obj, path),
                ForEach = obj["forEach"]?.DeepClone(),
                Concurrency = Integer(obj, "concurrency", path),
                OnFailure = onFailure,
                Compensate = obj["compensate"] is { } c ? Task(c, $"{path}.compensate", compensate: true) : null,
            };
        }

        private FlowRetry? Retry(JsonNode? node, string path)
        {
            if (node is null || !Object(node, path, RetryFields, out var obj))
            {
                return null;
            }

            var defaults = new FlowRetry();
            var kindsRetried = defaults.Errors;
            if (obj["errors"] is { } errorsNode)
            {
                var kinds = new List<FlowErrorKind>();
                foreach (var (text, i) in Strings(obj, "errors", path).Select((t, i) => (t, i)))
                {
                    if (text == "any")
                    {
                        kinds.AddRange([FlowErrorKind.Failed, FlowErrorKind.Transient, FlowErrorKind.Conflict, FlowErrorKind.NotFound, FlowErrorKind.Timeout]);
                    }
                    else if (Enum(text, errorsNode is JsonArray ? $"{path}.errors[{i}]" : $"{path}.errors", out FlowErrorKind kind, "any"))
                    {
                        kinds.Add(kind);
                    }
                }

                kindsRetried = [.. kinds.Distinct()];
            }

            return new FlowRetry
            {
                Limit = Integer(obj, "limit", path) ?? 0,
                Backoff = Duration(obj, "backoff", path) ?? defaults.Backoff,
                Factor = Number(obj, "factor", path) ?? defaults.Factor,
                MaxBackoff = Duration(obj, "maxBackoff", path) ?? defaults.MaxBackoff,
                Errors = kindsRetried,
            };
        }

        private string? Condition(JsonObject obj, string path)
        {
            var node = obj["when"];
            return node switch
            {
                null => null,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                _ => Invalid($"{path}.when", $"expected a condition such as ${{{{ params.drain }}}}, found {Describe(node)}"),
            };
        }

        private bool Object(JsonNode? node, string path, string[] fields, out JsonObject obj)
        {
            if (node is not JsonObject o)
            {
                errors.Add(path, $"expected a mapping, found {Describe(node)}");
                obj = null!;
                return false;
            }

            obj = o;
            foreach (var (key, _) in o)
            {
                if (!fields.Contains(key))
                {
                    // YAML 1.1, as kubectl reads it, turns an unquoted key on/off/yes/no into a boolean.
                    var hint = key is "true" or "false" ? " (an unquoted on, off, yes or no is read as a boolean; quote it or use another word)" : "";
                    errors.Add(path.Length == 0 ? key : $"{path}.{key}", $"unknown field \"{key}\"{hint}; the fields here are: {string.Join(", ", fields)}");
                }
            }

            return true;
        }

        private string? String(JsonObject obj, string field, string path, bool required)
        {
            var at = path.Length == 0 ? field : $"{path}.{field}";
            return obj[field] switch
            {
                null when required => Invalid(at, $"missing; every {(path.Length == 0 ? "flow" : "task")} needs a {field}"),
                null => null,
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                var other => Invalid(at, $"expected text, found {Describe(other)}"),
            };
        }

        private List<string> Strings(JsonObject obj, string field, string path)
        {
            var at = $"{path}.{field}";
            switch (obj[field])
            {
                case null:
                    return [];
                case JsonValue v when v.TryGetValue<string>(out var single):
                    return [single];
                case JsonArray list:
                    var result = new List<string>();
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is JsonValue item && item.TryGetValue<string>(out var text))
                        {
                            result.Add(text);
                        }
                        else
                        {
                            errors.Add($"{at}[{i}]", $"expected text, found {Describe(list[i])}");
                        }
                    }

                    return result;
                case var other:
                    errors.Add(at, $"expected a list of names, found {Describe(other)}");
                    return [];
            }
        }

        private int? Integer(JsonObject obj, string field, string path)
        {
            var node = obj[field];
            if (node is null)
            {
                return null;
            }

            if (node.GetValueKind() == JsonValueKind.Number && ExpressionValues.ToNumber(node) is var n && n == Math.Floor(n) && n is >= int.MinValue and <= int.MaxValue)
            {
                return (int)n;
            }

            errors.Add(path.Length == 0 ? field : $"{path}.{field}", $"expected a whole number, found {Describe(node)}");
            return null;
        }

        private double? Number(JsonObject obj, string field, string path)
        {
            var node = obj[field];
            if (node is null)
            {
                return null;
            }

            if (node.GetValueKind() == JsonValueKind.Number)
            {
                return ExpressionValues.ToNumber(node);
            }

            errors.Add($"{path}.{field}", $"expected a number, found {Describe(node)}");
            return null;
        }

        private bool? Boolean(JsonObject obj, string field, string path) => obj[field]?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Invalid<bool?>($"{path}.{field}", $"expected true or false, found {Describe(obj[field])}"),
        };

        private TimeSpan? Duration(JsonObject obj, string field, string path)
        {
            var node = obj[field];
            if (node is null)
            {
                return null;
            }

            if (node is JsonValue v && v.TryGetValue<string>(out var text) && GoDuration.TryParse(text, out var duration))
            {
                return duration;
            }

            errors.Add($"{path}.{field}", $"expected a duration such as 30s, 5m or 1h30m, found {Describe(node)}");
            return null;
        }

        private bool Enum<T>(string text, string path, out T value, params string[] extra)
            where T : struct, System.Enum
        {
            foreach (var name in System.Enum.GetNames<T>())
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    value = System.Enum.Parse<T>(name);
                    return true;
                }
            }

            var accepted = System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).Concat(extra);
            errors.Add(path, $"\"{text}\" is not one of: {string.Join(", ", accepted)}");
            value = default;
            return false;
        }

        private string? Invalid(string path, string message) => Invalid<string?>(path, message);

        private T Invalid<T>(string path, string message)
        {
            errors.Add(path, message);
            return default!;
        }

        private static string Describe(JsonNode? node) => node switch
        {
            null => "nothing",
            JsonObject => "a mapping",
            JsonArray => "a list",
            _ => node.GetValueKind() switch
            {
                JsonValueKind.String => $"the text \"{node.GetValue<string>()}\"",
                JsonValueKind.Number => $"the number {node.ToJsonString()}",
                JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
                _ => node.ToJsonString(),
            },
        };
    }

    // ManifestException's message starts "SOURCE: document N, line L: "; the error carries those apart.
    private static string WithoutLocation(string message)
    {
        var line = message.IndexOf(", line ", StringComparison.Ordinal);
        var start = line < 0 ? -1 : message.IndexOf(": ", line, StringComparison.Ordinal);
        return start < 0 ? message : message[(start + 2)..];
    }
}
