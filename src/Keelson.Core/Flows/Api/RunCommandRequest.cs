namespace Keelson.Core.Flows.Api;

/// <summary>The body of a command to a run (<c>POST /api/v1/runs/ID/pause</c>, <c>.../skip</c>, ...).</summary>
public sealed record RunCommandRequest
{
    /// <summary>Why; recorded in the audit log and the run's history. Required to skip a task.</summary>
    public string? Reason { get; init; }

    /// <summary>The task, for retry, skip and resume-from; for approve and reject, the waiting approval when there is only one.</summary>
    public string? Task { get; init; }

    /// <summary>The forEach element, when the command is about one element of a task.</summary>
    public int? Item { get; init; }
}
