using System.Text;

namespace Keelson.Core.Flows.Definitions;

/// <summary>One problem in a flow definition, located as precisely as the source allows.</summary>
/// <param name="Source">The file (or other source) the definition came from; null when built in C#.</param>
/// <param name="Line">The 1-based line, when the definition came from text.</param>
/// <param name="Task">The task's name (or <c>tasks[N]</c> when it has none); null for flow-level fields.</param>
/// <param name="Field">The field within the task (or the flow), e.g. <c>with.node</c>, <c>needs[1]</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record FlowValidationError(string? Source, int? Line, string? Task, string Field, string Message)
{
    /// <summary>The error as one line: <c>drain.yaml:14: task "drain": with.node: ...</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Source is not null)
        {
            text.Append(Source).Append(Line is { } line ? $":{line}" : "").Append(": ");
        }

        if (Task is not null)
        {
            text.Append("task \"").Append(Task).Append("\": ");
        }

        if (Field.Length > 0)
        {
            text.Append(Field).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
