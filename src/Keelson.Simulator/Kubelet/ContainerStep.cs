namespace Keelson.Simulator.Kubelet;

/// <summary>Where a simulated container is in its life.</summary>
internal enum ContainerStep
{
    /// <summary>Not its turn yet (init containers run one by one, before the others).</summary>
    Blocked,

    /// <summary>Its image is being pulled.</summary>
    Pulling,

    /// <summary>The pull failed (ErrImagePull).</summary>
    PullFailed,

    /// <summary>Waiting before the next pull (ImagePullBackOff).</summary>
    PullBackOff,

    /// <summary>Image present; being created and started.</summary>
    Creating,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Waiting before a restart (CrashLoopBackOff).</summary>
    CrashBackOff,

    /// <summary>Exited for good (completed, or not restarted).</summary>
    Exited,
}
