namespace Keelson.Simulator.Kubelet;

/// <summary>How one run of a container ended, as its <c>terminated</c> state reports it.</summary>
/// <param name="ExitCode">0 for success, 1 for a crash, 137 for SIGKILL or the OOM killer, 143 for SIGTERM.</param>
/// <param name="Reason"><c>Completed</c>, <c>Error</c> or <c>OOMKilled</c>.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="ContainerId">The run's container id.</param>
internal sealed record ContainerExit(int ExitCode, string Reason, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string ContainerId);
