using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Runs;

/// <summary>One task of a run (or one element of a forEach task) as it stands.</summary>
public sealed record FlowRunTask
{
    /// <summary>The task's name (<c>OWNER/compensate</c> for a compensating task).</summary>
    public required string Name { get; init; }

    /// <summary>The element's position for an element of a forEach task; null for the task itself.</summary>
    public int? Item { get; init; }

    /// <summary>The executor.</summary>
    public required string Uses { get; init; }

    /// <summary>Its state.</summary>
    public required FlowTaskState State { get; init; }

    /// <summary>How many attempts have started (0 before the first).</summary>
    public int Attempt { get; init; }

    /// <summary>The forEach element this row runs for.</summary>
    public JsonNode? ItemValue { get; init; }

    /// <summary>The inputs of the current attempt, evaluated.</summary>
    public JsonObject? Inputs { get; init; }

    /// <summary>The outputs, once succeeded.</summary>
    public JsonObject? Outputs { get; init; }

    /// <summary>Why it failed (or why its last attempt failed, while waiting to retry).</summary>
    public string? Error { get; init; }

    /// <summary>What a waiting task waits for.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>When a waiting task is looked at again.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>When the current attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
