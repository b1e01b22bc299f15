using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Flows.Definitions;

/// <summary>
/// Writes a definition in the shape <see cref="FlowDefinitionReader"/> reads, so definitions built
/// in C# are stored, shown and read back exactly like those written in YAML.
/// </summary>
public static class FlowDefinitionWriter
{
    /// <summary>The definition as a JSON object (fields at their defaults are left out).</summary>
    public static JsonObject ToJson(FlowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var obj = new JsonObject { ["name"] = definition.Name };
        Set(obj, "description", definition.Description);
        if (definition.Params.Count > 0)
        {
            var parameters = new JsonObject();
            foreach (var p in definition.Params)
            {
                var entry = new JsonObject { ["type"] = Camel(p.Type.ToString()) };
                if (p.Default is not null)
                {
                    entry["default"] = p.Default.DeepClone();
                }
                else if (!p.Required)
                {
                    entry["required"] = false;
                }

                Set(entry, "description", p.Description);
                parameters[p.Name] = entry;
            }

            obj["params"] = parameters;
        }

        obj["tasks"] = new JsonArray([.. definition.Tasks.Select(Task)]);
        if (definition.Priority != 0)
        {
            obj["priority"] = definition.Priority;
        }

        if (definition.Concurrency is { } concurrency)
        {
            obj["concurrency"] = concurrency;
        }

        return obj;
    }

    /// <summary>The definition as YAML, for people to read and edit.</summary>
    public static string ToYaml(FlowDefinition definition) => YamlJson.ToYaml(ToJson(definition));

    private static JsonObject Task(FlowTask task)
    {
        var obj = new JsonObject();
        Set(obj, "name", task.Name.Length == 0 ? null : task.Name);
        obj["uses"] = task.Uses;
        if (task.With.Count > 0)
        {
            var with = new JsonObject();
            foreach (var (key, value) in task.With)
            {
                with[key] = value?.DeepClone();
            }

            obj["with"] = with;
        }

        if (task.Needs.Count > 0)
        {
            obj["needs"] = new JsonArray([.. task.Needs.Select(n => JsonValue.Create(n))]);
        }

        if (task.Retry is { } retry)
        {
            obj["retry"] = new JsonObject
            {
                ["limit"] = retry.Limit,
                ["backoff"] = GoDuration.Format(retry.Backoff),
                ["factor"] = retry.Factor,
                ["maxBackoff"] = GoDuration.Format(retry.MaxBackoff),
                ["errors"] = new JsonArray([.. retry.Errors.Select(k => JsonValue.Create(Camel(k.ToString())))]),
            };
        }

        if (task.Timeout is { } timeout)
        {
            obj["timeout"] = GoDuration.Format(timeout);
        }

        Set(obj, "when", task.When);
        if (task.ForEach is not null)
        {
            obj["forEach"] = task.ForEach.DeepClone();
        }

        if (task.Concurrency is { } concurrency)
        {
            obj["concurrency"] = concurrency;
        }

        if (task.OnFailure != FailureAction.Stop)
        {
            obj["onFailure"] = Camel(task.OnFailure.ToString());
        }

        if (task.Compensate is { } compensate)
        {
            obj["compensate"] = Task(compensate with { Name = "" });
        }

        return obj;
    }

    private static void Set(JsonObject obj, string key, string? value)
    {
        if (value is not null)
        {
            obj[key] = value;
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
