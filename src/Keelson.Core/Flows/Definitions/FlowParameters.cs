using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Definitions;

/// <summary>Checks a run's parameters against the flow's declarations and fills in defaults.</summary>
internal static class FlowParameters
{
    /// <exception cref="FlowException">Unknown, missing or mistyped parameters (<see cref="FlowExceptionKind.Invalid"/>), each named.</exception>
    public static JsonObject Resolve(FlowDefinition definition, JsonObject? given)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var declared = definition.Params.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (name, _) in given ?? [])
        {
            if (!declared.ContainsKey(name))
            {
                errors[$"params.{name}"] = [$"flow {definition.Name} has no parameter \"{name}\"; its parameters are: {(declared.Count == 0 ? "(none)" : string.Join(", ", declared.Keys))}"];
            }
        }

        foreach (var p in definition.Params)
        {
            var value = given?[p.Name]?.DeepClone() ?? p.Default?.DeepClone();
            if (value is null)
            {
                if (p.Required)
                {
                    errors[$"params.{p.Name}"] = [$"parameter \"{p.Name}\" is required{(p.Description is { } d ? $" ({d})" : "")}"];
                }

                result[p.Name] = null;
                continue;
            }

            try
            {
                result[p.Name] = FlowValidator.Coerce(p.Type, value);
            }
            catch (ArgumentException e)
            {
                errors[$"params.{p.Name}"] = [$"parameter \"{p.Name}\" {e.Message}"];
            }
        }

        return errors.Count == 0
            ? result
            : throw new FlowException(FlowExceptionKind.Invalid, $"the parameters for flow {definition.Name} are wrong: {string.Join("; ", errors.Values.SelectMany(v => v))}", errors);
    }
}
