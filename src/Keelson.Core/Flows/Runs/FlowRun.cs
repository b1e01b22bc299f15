using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Runs;

/// <summary>A run of a flow: the version it runs, its parameters, its state and (when asked for) its tasks.</summary>
public sealed record FlowRun
{
    /// <summary>The run's id.</summary>
    public required long Id { get; init; }

    /// <summary>The flow's name.</summary>
    public required string Flow { get; init; }

    /// <summary>The definition version the run started with (and keeps).</summary>
    public required int Version { get; init; }

    /// <summary>The parameters, defaults filled in.</summary>
    public required JsonObject Params { get; init; }

    /// <summary>Its state.</summary>
    public required FlowRunState State { get; init; }

    /// <summary>Why it is paused, braked, failed or cancelled.</summary>
    public string? Reason { get; init; }

    /// <summary>Higher runs first.</summary>
    public int Priority { get; init; }

    /// <summary>Who started it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its first task started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The run whose <c>flow.run</c> task started this one.</summary>
    public long? ParentRun { get; init; }

    /// <summary>The Keelson replica running it now, if any.</summary>
    public string? Owner { get; init; }

    /// <summary>Its tasks in dependency order (forEach elements after their task); empty in lists.</summary>
    public IReadOnlyList<FlowRunTask> Tasks { get; init; } = [];
}
