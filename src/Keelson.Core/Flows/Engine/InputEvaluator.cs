using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Expressions;

namespace Keelson.Core.Flows.Engine;

/// <summary>Evaluates a task's inputs: expressions replaced, defaults filled in, types checked.</summary>
internal static class InputEvaluator
{
    /// <param name="task">The task.</param>
    /// <param name="scope">What its expressions read.</param>
    /// <param name="lenient">For dry runs: a required input that evaluates to nothing (it reads outputs a dry run does not have) is left out instead of failing.</param>
    /// <exception cref="FlowTaskException">An input could not be evaluated or has the wrong type (<see cref="FlowErrorKind.Invalid"/>).</exception>
    public static JsonObject Evaluate(CompiledTask task, ExpressionScope scope, bool lenient)
    {
        var inputs = new JsonObject();
        foreach (var input in task.Executor.Inputs)
        {
            JsonNode? value;
            try
            {
                value = task.Inputs.TryGetValue(input.Name, out var template) ? template.Evaluate(scope) : null;
                value = FlowValidator.Coerce(input.Type, value ?? input.Default?.DeepClone());
            }
            catch (ExpressionException e)
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"{input.Name}\" could not be evaluated: {e.Message}");
            }
            catch (ArgumentException e)
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"{input.Name}\" {e.Message}");
            }

            if (value is null && input.Required && !lenient)
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"{input.Name}\" ({input.Description}) evaluated to nothing; check the expression and the values it reads");
            }

            if (value is not null)
            {
                inputs[input.Name] = value;
            }
        }

        return inputs;
    }
}
