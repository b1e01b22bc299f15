namespace Keelson.Simulator.Kubelet;

/// <summary>How a container run ended, which decides its last log lines.</summary>
internal enum LogEnding
{
    /// <summary>Still running.</summary>
    None,

    /// <summary>Exited with an error (crash loop): an error, a panic and a stack trace.</summary>
    Crash,

    /// <summary>Killed by the kernel for using more memory than its limit: no last words.</summary>
    OomKilled,

    /// <summary>Finished its work and exited 0.</summary>
    Completed,

    /// <summary>Stopped on SIGTERM within its grace period.</summary>
    Terminated,

    /// <summary>Killed with SIGKILL when the grace period ran out.</summary>
    Killed,
}
