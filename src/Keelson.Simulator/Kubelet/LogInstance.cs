namespace Keelson.Simulator.Kubelet;

/// <summary>
/// One run of a container, as its log needs it. The lines themselves are not stored: they are a
/// pure function of this record and the clock (<see cref="LogScript"/>), which keeps 100,000
/// containers' logs in a few dozen bytes each while serving what a bounded ring buffer would.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="PodUid">The pod's uid (seeds the lines).</param>
/// <param name="Container">The container's name.</param>
/// <param name="Image">The container's image.</param>
/// <param name="Port">The port it serves on (first declared, else 8080).</param>
/// <param name="Restart">Which run this is (the restart count when it started).</param>
/// <param name="Job">Whether it runs to completion (a Job's or an init container) rather than serving.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="PlannedEnd">When it will exit on its own (a crash, a job done), known at start so a reader never sees lines past it.</param>
/// <param name="StoppingAt">When it got SIGTERM, if it did.</param>
/// <param name="FinishedAt">When it exited, if it did.</param>
/// <param name="Ending">How it ended.</param>
internal sealed record LogInstance(
    string Namespace,
    string Pod,
    string PodUid,
    string Container,
    string Image,
    int Port,
    int Restart,
    bool Job,
    DateTimeOffset StartedAt,
    DateTimeOffset? PlannedEnd,
    DateTimeOffset? StoppingAt = null,
    DateTimeOffset? FinishedAt = null,
    LogEnding Ending = LogEnding.None);
