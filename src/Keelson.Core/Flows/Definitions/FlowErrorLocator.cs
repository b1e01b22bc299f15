using System.Text.RegularExpressions;

namespace Keelson.Core.Flows.Definitions;

/// <summary>Turns a path in a definition (<c>tasks[2].with.node</c>) into an error naming the task, the field and the line.</summary>
internal sealed partial class FlowErrorLocator(FlowSourceMap? map, Func<int, string?> taskName)
{
    public List<FlowValidationError> Errors { get; } = [];

    public void Add(string path, string message)
    {
        var match = TaskPath().Match(path);
        string? task = null;
        var field = path;
        if (match.Success)
        {
            var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            task = taskName(index) is { Length: > 0 } name ? name : $"tasks[{index}]";
            field = match.Groups["field"].Value;
        }

        Errors.Add(new FlowValidationError(map?.Source, map?.LineOf(path), task, field, message));
    }

    [GeneratedRegex(@"^tasks\[(?<index>[0-9]+)\]\.?(?<field>.*)$")]
    private static partial Regex TaskPath();
}
