namespace Keelson.Simulator.Scenarios;

/// <summary>How a container of a matching image behaves in the simulated kubelet.</summary>
public enum ImageBehaviour
{
    /// <summary>Starts and keeps running (containers of Job pods exit 0 after <c>timing.jobRunTime</c>).</summary>
    Run,

    /// <summary>Exits with an error shortly after each start: CrashLoopBackOff with growing back-off.</summary>
    CrashLoop,

    /// <summary>The pull fails: ErrImagePull, then ImagePullBackOff.</summary>
    PullFailure,

    /// <summary>Starts only after <c>timing.slowStart</c>.</summary>
    SlowStart,

    /// <summary>Uses more memory than its limit: OOMKilled, then restarted.</summary>
    OomKill,
}
