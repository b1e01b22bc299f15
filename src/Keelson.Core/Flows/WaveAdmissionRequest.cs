using System.Text.Json.Nodes;

namespace Keelson.Core.Flows;

/// <summary>A wave (one element of a <c>forEach</c> task) of a running run, as <see cref="IRunAdmission"/> sees it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Flow">The run's flow.</param>
/// <param name="Task">The <c>forEach</c> task.</param>
/// <param name="Index">The element's index (0-based); wave number <c>Index + 1</c>.</param>
/// <param name="Count">How many elements the task has.</param>
/// <param name="Item">The element: a cluster name, or an object whose <c>cluster</c> field names one, in flows over clusters.</param>
public sealed record WaveAdmissionRequest(long RunId, string Flow, string Task, int Index, int Count, JsonNode? Item)
{
    /// <summary>The cluster this wave changes, when the element names one.</summary>
    public string? Cluster => Item switch
    {
        JsonValue value when value.TryGetValue<string>(out var name) => name,
        JsonObject obj when obj["cluster"] is JsonValue value && value.TryGetValue<string>(out var name) => name,
        _ => null,
    };
}
