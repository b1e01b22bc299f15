namespace Keelson.Simulator.Controllers;

/// <summary>
/// How fast a simulated cluster behaves. Defaults are those of a real cluster (or close to
/// it); tests and benchmarks shorten them through the scenario's <c>timing</c> section.
/// </summary>
public sealed class SimulationTiming
{
    /// <summary>Scheduling to a running container: pulling the image, creating and starting it.</summary>
    public TimeSpan ContainerStart { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Image pull time (part of <see cref="ContainerStart"/> when the image is not cached).</summary>
    public TimeSpan ImagePull { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra start time of images the rules mark as slow (<c>:slow</c>).</summary>
    public TimeSpan SlowStart { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First crash-loop back-off; doubles up to <see cref="CrashLoopBackOffMax"/> (kubelet: 10 s to 5 min).</summary>
    public TimeSpan CrashLoopBackOff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest crash-loop back-off.</summary>
    public TimeSpan CrashLoopBackOffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a crashing container runs before it exits.</summary>
    public TimeSpan CrashAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often each node renews its lease (kubelet: 10 s).</summary>
    public TimeSpan NodeHeartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Without a heartbeat for this long a node is NotReady/Unknown (kube-controller-manager: 40 s).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>Nodes per second a healthy zone gets NoExecute-tainted when they fail (kube-controller-manager's --node-eviction-rate, 0.1); a large zone in partial disruption gets a tenth of it.</summary>
    public double NodeEvictionRate { get; set; } = 0.1;

    /// <summary>Toleration seconds added to every pod for not-ready/unreachable nodes (admission default: 300).</summary>
    public int DefaultTolerationSeconds { get; set; } = 300;

    /// <summary>How long a container of a Job-like pod (restartPolicy Never or OnFailure) runs before it exits 0.</summary>
    public TimeSpan JobRunTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a container takes to stop after SIGTERM; a shorter grace period kills it sooner.</summary>
    public TimeSpan Termination { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the node lifecycle controller checks node health (kube-controller-manager: 5 s).</summary>
    public TimeSpan NodeMonitorPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a kubelet posts unchanged node status, refreshing lastHeartbeatTime (kubelet: 5 min).</summary>
    public TimeSpan NodeStatusReport { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often container logs get a periodic line.</summary>
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A job's first wait before replacing a failed pod; it doubles per further failure up to 6 minutes (kube: 10 s).</summary>
    public TimeSpan JobPodFailureBackOff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often metrics-server scrapes the kubelets: usage is reported as of the last scrape, and new pods appear after one.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pod stays bound to a node that no longer exists before the pod garbage collector deletes it (kube: 40 s).</summary>
    public TimeSpan PodGcQuarantine { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How long events are kept (kube-apiserver: 1 hour).</summary>
    public TimeSpan EventTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many events the cluster's components keep; beyond it the oldest are removed first.
    /// kube-apiserver has no such cap (etcd's quota and event rate limits bound it); the simulator
    /// keeps one so that starting 100,000 pods does not hold 600,000 events in memory.
    /// </summary>
    public int MaxEvents { get; set; } = 20_000;

    /// <summary>How long an eviction's <c>disruptedPods</c> entry in a PodDisruptionBudget waits for the pod's deletion before the disruption controller drops it (kube: 2 min).</summary>
    public TimeSpan DisruptionDeletionTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
