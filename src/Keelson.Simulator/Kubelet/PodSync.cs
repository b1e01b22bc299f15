using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Metrics;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// One sync of one pod, as the kubelet's syncPod: applies, in time order, every transition due
/// by now — pulls, starts, probes passing, exits, restarts after back-off, the stop of a deleted
/// pod — at the time each was due, so a late sync still reports accurate timestamps. Init
/// containers run one at a time before the others; regular containers start in order.
/// </summary>
internal sealed class PodSync
{
    private readonly SimulationContext _cluster;
    private readonly UsageModel _usage;
    private readonly PodRuntime _pod;
    private readonly KubeletNode _node;

    public PodSync(SimulationContext cluster, UsageModel usage, PodRuntime pod, KubeletNode node)
    {
        _cluster = cluster;
        _usage = usage;
        _pod = pod;
        _node = node;
    }

    /// <summary>The events the sync produced, in order.</summary>
    public List<KubeletEvent> Events { get; } = [];

    private SimulationTiming Timing => _cluster.Timing;

    /// <summary>The kubelet admits the pod: sandbox and IP, then the first container's turn.</summary>
    public void Begin(DateTimeOffset now)
    {
        _pod.StartTime = now;
        _pod.PodIp = _pod.HostNetwork ? _node.InternalIp : _node.AllocateIp();
        foreach (var container in _pod.All)
        {
            container.Step = ContainerStep.Blocked;
            container.WaitingReason = container.Init || _pod.InitContainers.Length > 0 ? "PodInitializing" : "ContainerCreating";
        }

        Activate(now);
        _pod.Version++;
    }

    /// <summary>
    /// A kubelet (re)starting finds the pod's containers already running — a scenario seeds
    /// running pods — and takes them over as they are, as the real kubelet does after a restart:
    /// no new sandbox, no events, no status write. Only pods whose stored status says every
    /// container runs (and that have no init containers) are adopted; anything else begins anew.
    /// </summary>
    public bool TryAdopt(PodStatus? status)
    {
        var running = status?.ContainerStatuses;
        if (status?.Phase != "Running" || _pod.InitContainers.Length > 0 || running is null
            || _pod.Containers.Any(c => running.Find(s => s.Name == c.Name)?.State?.Running?.StartedAt is null))
        {
            return false;
        }

        _pod.StartTime = status.StartTime;
        _pod.PodIp = status.PodIP;
        if (!_pod.HostNetwork)
        {
            _node.ReserveIp(status.PodIP);
        }

        foreach (var container in _pod.Containers)
        {
            var stored = running.Find(s => s.Name == container.Name)!;
            _node.AddImage(container.Image);
            container.Behaviour = _cluster.BehaviourOf(container.Image);
            container.RestartCount = stored.RestartCount ?? 0;
            Run(container, stored.State!.Running!.StartedAt!.Value);
            container.Adopt(stored.ContainerID);
            container.Ready = stored.Ready == true;
            container.ReadyAt = container.Ready ? null : container.ReadyAt;
            container.Started = true;
            container.StartedProbeAt = null;
            container.UnhealthyAt = null;
            container.Due = container.ReadyAt ?? container.PlannedExit?.At;
        }

        Events.Clear();
        _pod.WrittenVersion = _pod.Version;
        return true;
    }

    /// <summary>The pod was deleted: SIGTERM to what runs, nothing new starts, and a deadline to stop.</summary>
    public void Stop(DateTimeOffset now, long gracePeriodSeconds)
    {
        _pod.StoppingSince = now;
        var grace = TimeSpan.FromSeconds(Math.Max(0, gracePeriodSeconds));
        var running = _pod.All.Where(c => c.Step == ContainerStep.Running).ToList();
        _pod.KilledHard = grace < Timing.Termination;
        _pod.KillAt = running.Count == 0 ? now : now + (_pod.KilledHard ? grace : Timing.Termination);
        foreach (var container in _pod.All)
        {
            container.Due = null;
        }

        foreach (var container in running)
        {
            Event(container, "Normal", "Killing", $"Stopping container {container.Name}");
            container.Logs.Update(run => run with { StoppingAt = now });
        }

        _pod.Version++;
    }

    /// <summary>Applies every transition due by <paramref name="now"/>; returns when the next one is due.</summary>
    public DateTimeOffset? Advance(DateTimeOffset now)
    {
        while (true)
        {
            ContainerRuntime? next = null;
            foreach (var container in _pod.All)
            {
                if (container.Due is { } due && due <= now && (next is null || due < next.Due))
                {
                    next = container;
                }
            }

            if (_pod.KillAt is { } kill && !_pod.Stopped && kill <= now && (next is null || kill <= next.Due))
            {
                Kill(kill);
                continue;
            }

            if (next is null)
            {
                break;
            }

            var at = next.Due!.Value;
            next.Due = null;
            Transition(next, at);
            Activate(at);
            _pod.Version++;
        }

        DateTimeOffset? earliest = _pod.Stopped ? null : _pod.KillAt;
        foreach (var container in _pod.All)
        {
            if (container.Due is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        return earliest;
    }

    private void Transition(ContainerRuntime container, DateTimeOffset at)
    {
        switch (container.Step)
        {
            case ContainerStep.Pulling when container.Behaviour == ImageBehaviour.PullFailure:
                FailPull(container, at);
                break;
            case ContainerStep.Pulling:
                _node.AddImage(container.Image);
                var took = GoDuration.Format(TimeSpan.FromMilliseconds(Math.Floor((at - container.PullStartedAt).TotalMilliseconds)));
                Event(container, "Normal", "Pulled",
                    $"Successfully pulled image \"{container.Image}\" in {took} ({took} including waiting). Image size: {ImageReference.Size(container.Image)} bytes.");
                Create(container, at);
                break;
            case ContainerStep.PullFailed:
                container.Step = ContainerStep.PullBackOff;
                container.WaitingReason = "ImagePullBackOff";
                container.WaitingMessage = $"Back-off pulling image \"{container.Image}\"";
                Event(container, "Normal", "BackOff", $"Back-off pulling image \"{container.Image}\"");
                Event(container, "Warning", "Failed", "Error: ImagePullBackOff");
                container.Due = container.PullBackoff!.WaitUntil(at) ?? at;
                break;
            case ContainerStep.PullBackOff:
                Pull(container, at);
                break;
            case ContainerStep.Creating:
                Run(container, at);
                break;
            case ContainerStep.Running:
                WhileRunning(container, at);
                break;
            case ContainerStep.CrashBackOff:
                (container.CrashBackoff ??= new Backoff()).Next(at, Timing.CrashLoopBackOff, Timing.CrashLoopBackOffMax);
                Restart(container, at);
                break;
        }
    }

    /// <summary>Starts whatever may start now: the next init container, or the regular containers in order.</summary>
    private void Activate(DateTimeOffset at)
    {
        if (_pod.StoppingSince is not null)
        {
            return;
        }

        foreach (var init in _pod.InitContainers)
        {
            if (init.InitDone)
            {
                continue;
            }

            if (init.Step == ContainerStep.Blocked)
            {
                Start(init, at);
            }

            return;
        }

        for (var i = 0; i < _pod.Containers.Length; i++)
        {
            var container = _pod.Containers[i];
            if (container.Step != ContainerStep.Blocked)
            {
                continue;
            }

            // The kubelet starts containers one after the other: the next once the previous is past creation.
            if (i > 0 && _pod.Containers[i - 1].Step is ContainerStep.Blocked or ContainerStep.Pulling or ContainerStep.Creating)
            {
                break;
            }

            Start(container, at);
        }
    }

    private void Start(ContainerRuntime container, DateTimeOffset at)
    {
        container.Behaviour = _cluster.BehaviourOf(container.Image);
        if (container.PullPolicy == "Always" || !_node.HasImage(container.Image))
        {
            if (container.PullPolicy == "Never")
            {
                container.Step = ContainerStep.PullFailed;
                container.WaitingReason = "ErrImageNeverPull";
                container.WaitingMessage = $"Container image \"{container.Image}\" is not present with pull policy of Never";
                Event(container, "Warning", "ErrImageNeverPull", container.WaitingMessage);
                Event(container, "Warning", "Failed", "Error: ErrImageNeverPull");
                return;
            }

            Pull(container, at);
            return;
        }

        Event(container, "Normal", "Pulled", $"Container image \"{container.Image}\" already present on machine");
        Create(container, at);
    }

    private void Pull(ContainerRuntime container, DateTimeOffset at)
    {
        container.Behaviour = _cluster.BehaviourOf(container.Image);
        container.Step = ContainerStep.Pulling;
        container.PullStartedAt = at;
        container.WaitingReason = container.Init ? "PodInitializing" : "ContainerCreating";
        container.WaitingMessage = null;
        Event(container, "Normal", "Pulling", $"Pulling image \"{container.Image}\"");
        container.Due = at + Timing.ImagePull;
    }

    private void FailPull(ContainerRuntime container, DateTimeOffset at)
    {
        var error = ImageReference.PullError(container.Image);
        var backoff = container.PullBackoff ??= new Backoff();
        backoff.Next(at, Timing.CrashLoopBackOff, Timing.CrashLoopBackOffMax);
        container.Step = ContainerStep.PullFailed;
        container.WaitingReason = "ErrImagePull";
        container.WaitingMessage = error;
        Event(container, "Warning", "Failed", $"Failed to pull image \"{container.Image}\": {error}");
        Event(container, "Warning", "Failed", "Error: ErrImagePull");
        // ErrImagePull shows until the next sync notices the back-off; a tenth of the window stands for that.
        container.Due = at + (backoff.Duration / 10);
    }

    private void Create(ContainerRuntime container, DateTimeOffset at)
    {
        container.Step = ContainerStep.Creating;
        container.WaitingReason = container.Init ? "PodInitializing" : "ContainerCreating";
        container.WaitingMessage = null;
        var create = Timing.ContainerStart - Timing.ImagePull;
        container.Due = at + (create > TimeSpan.Zero ? create : TimeSpan.Zero) + (container.Behaviour == ImageBehaviour.SlowStart ? Timing.SlowStart : TimeSpan.Zero);
    }

    private void Run(ContainerRuntime container, DateTimeOffset at)
    {
        container.Step = ContainerStep.Running;
        container.StartedAt = at;
        container.NewRun();
        container.Terminated = null;
        container.WaitingReason = null;
        container.WaitingMessage = null;
        container.Ready = false;
        container.Started = container.StartupDelay == TimeSpan.Zero;
        container.StartedProbeAt = container.Started ? null : at + container.StartupDelay;
        Event(container, "Normal", "Created", $"Created container {container.Name}");
        Event(container, "Normal", "Started", $"Started container {container.Name}");
        var job = (container.Init && !container.Sidecar) || (!container.Init && _pod.RestartPolicy != "Always");
        container.PlannedExit = container.Behaviour switch
        {
            ImageBehaviour.CrashLoop => new PlannedExit(at + Timing.CrashAfter, 1, "Error", LogEnding.Crash),
            ImageBehaviour.OomKill => new PlannedExit(at + Timing.CrashAfter, 137, "OOMKilled", LogEnding.OomKilled),
            _ when job => new PlannedExit(at + Timing.JobRunTime, 0, "Completed", LogEnding.Completed),
            _ => OutOfMemoryAt(container, at),
        };
        container.Logs.Start(new LogInstance(
            _pod.Key.Namespace, _pod.Key.Name, _pod.Uid, container.Name, container.Image, container.Port, container.RestartCount, job, at, container.PlannedExit?.At));

        // A crashing image never turns ready; with a readiness probe the kubelet reports it failing.
        var failing = container.Behaviour is ImageBehaviour.CrashLoop or ImageBehaviour.OomKill;
        var readyAt = at + container.StartupDelay + container.ReadyDelay;
        container.ReadyAt = container.Init && !container.Sidecar ? null : failing && container.ReadinessProbe is not null ? null : readyAt;
        container.UnhealthyAt = failing && container.ReadinessProbe is not null && readyAt < container.PlannedExit!.At ? readyAt : null;
        WhileRunning(container, at);
    }

    /// <summary>When a leaking container passes its memory limit, from its workload's usage profile.</summary>
    private PlannedExit? OutOfMemoryAt(ContainerRuntime container, DateTimeOffset at)
    {
        if (container.MemoryLimit is not { } limit || container.Init)
        {
            return null;
        }

        var profile = _cluster.UsageFor(_pod.Key.Namespace, _pod.Labels);
        var share = _pod.Containers.Length + _pod.InitContainers.Count(c => c.Sidecar);
        return _usage.TimeToExceed(profile, _pod.Uid, container.Name, share, limit) is { } after
            ? new PlannedExit(at + (after < Timing.CrashAfter ? Timing.CrashAfter : after), 137, "OOMKilled", LogEnding.OomKilled)
            : null;
    }

    private void WhileRunning(ContainerRuntime container, DateTimeOffset at)
    {
        if (container.StartedProbeAt is { } started && started <= at)
        {
            container.Started = true;
            container.StartedProbeAt = null;
        }

        if (container.ReadyAt is { } ready && ready <= at)
        {
            container.Ready = true;
            container.ReadyAt = null;
        }

        if (container.UnhealthyAt is { } unhealthy && unhealthy <= at)
        {
            container.UnhealthyAt = null;
            Event(container, "Warning", "Unhealthy", $"Readiness probe failed: {ProbeFailure(container)}");
        }

        if (container.PlannedExit is { } exit && exit.At <= at)
        {
            Exit(container, exit.At, exit.Code, exit.Reason, exit.Ending);
            return;
        }

        container.Due = Earliest(container.StartedProbeAt, container.ReadyAt, container.UnhealthyAt, container.PlannedExit?.At);
    }

    private string ProbeFailure(ContainerRuntime container)
    {
        var probe = container.ReadinessProbe!;
        var ip = _pod.PodIp ?? "";
        if (probe.HttpGet is { } http)
        {
            var port = http.Port?.ToString() ?? container.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"Get \"http://{ip}:{port}{http.Path ?? "/"}\": dial tcp {ip}:{port}: connect: connection refused";
        }

        if (probe.Exec is { } exec)
        {
            return $"command \"{string.Join(' ', exec.Command ?? [])}\" exited with 1";
        }

        var tcp = probe.TcpSocket?.Port?.ToString() ?? container.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"dial tcp {ip}:{tcp}: connect: connection refused";
    }

    private void Exit(ContainerRuntime container, DateTimeOffset at, int code, string reason, LogEnding ending)
    {
        container.Terminated = new ContainerExit(code, reason, container.StartedAt!.Value, at, container.ContainerId!);
        container.PlannedExit = null;
        container.ReadyAt = null;
        container.StartedProbeAt = null;
        container.UnhealthyAt = null;
        container.Started = false;
        container.Ready = container.Init && !container.Sidecar && code == 0;
        container.Logs.Update(run => run with { FinishedAt = at, Ending = ending });

        var restart = container.Sidecar ||
                      (container.Init ? code != 0 && _pod.RestartPolicy != "Never" : _pod.RestartPolicy == "Always" || (_pod.RestartPolicy == "OnFailure" && code != 0));
        if (!restart || _pod.StoppingSince is not null)
        {
            container.Step = ContainerStep.Exited;
            return;
        }

        if (container.CrashBackoff?.WaitUntil(at) is { } until)
        {
            container.Step = ContainerStep.CrashBackOff;
            container.LastTerminated = container.Terminated;
            container.Terminated = null;
            var ownedBy = $"{_pod.Key.Name}_{_pod.Key.Namespace}({_pod.Uid})";
            container.WaitingReason = "CrashLoopBackOff";
            container.WaitingMessage = $"back-off {GoDuration.Format(container.CrashBackoff!.Duration)} restarting failed container={container.Name} pod={ownedBy}";
            Event(container, "Warning", "BackOff", $"Back-off restarting failed container {container.Name} in pod {ownedBy}");
            container.Due = until;
            return;
        }

        (container.CrashBackoff ??= new Backoff()).Next(at, Timing.CrashLoopBackOff, Timing.CrashLoopBackOffMax);
        Restart(container, at);
    }

    private void Restart(ContainerRuntime container, DateTimeOffset at)
    {
        container.LastTerminated = container.Terminated ?? container.LastTerminated;
        container.Terminated = null;
        container.RestartCount++;
        Start(container, at);
    }

    /// <summary>The stop deadline passed: what still runs exits (0 after SIGTERM, 137 when killed) and the pod is done.</summary>
    private void Kill(DateTimeOffset at)
    {
        foreach (var container in _pod.All)
        {
            container.Due = null;
            if (container.Step != ContainerStep.Running)
            {
                continue;
            }

            var (code, reason, ending) = _pod.KilledHard ? (137, "Error", LogEnding.Killed) : (0, "Completed", LogEnding.Terminated);
            container.Terminated = new ContainerExit(code, reason, container.StartedAt!.Value, at, container.ContainerId!);
            container.Step = ContainerStep.Exited;
            container.Ready = false;
            container.Started = false;
            container.PlannedExit = null;
            container.Logs.Update(run => run with { FinishedAt = at, Ending = ending });
        }

        _pod.Stopped = true;
        _pod.Version++;
    }

    private void Event(ContainerRuntime container, string type, string reason, string message) =>
        Events.Add(new KubeletEvent(container.FieldPath, type, reason, message));

    private static DateTimeOffset? Earliest(params DateTimeOffset?[] times)
    {
        DateTimeOffset? earliest = null;
        foreach (var time in times)
        {
            if (time is { } t && (earliest is null || t < earliest))
            {
                earliest = t;
            }
        }

        return earliest;
    }
}
