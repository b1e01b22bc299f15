namespace Keelson.Simulator.Kubelet;

/// <summary>When a container's current run exits on its own, decided as it starts (a crash, an OOM kill, a job done).</summary>
/// <param name="At">When.</param>
/// <param name="Code">Its exit code.</param>
/// <param name="Reason">The terminated reason (<c>Error</c>, <c>OOMKilled</c>, <c>Completed</c>).</param>
/// <param name="Ending">Its last words in the log.</param>
internal sealed record PlannedExit(DateTimeOffset At, int Code, string Reason, LogEnding Ending);
