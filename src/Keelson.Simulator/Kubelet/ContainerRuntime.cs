using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// One container of a pod as the simulated kubelet runs it: what its spec says that matters to
/// the simulation, where it is in its life, and its logs. Changed only by the kubelet's worker.
/// A kubelet holds 100,000 of them: what only a failing or exiting container needs (back-offs,
/// a planned exit) is an object made when needed, and the container id is derived, not kept.
/// </summary>
internal sealed class ContainerRuntime
{
    private readonly string _podUid;
    private string? _adoptedId;
    private int _run = -1;

    public ContainerRuntime(Container spec, bool init, string podUid, StringPool strings)
    {
        _podUid = podUid;
        Name = strings.Intern(spec.Name) ?? "";
        Image = strings.Intern(spec.Image) ?? "";
        PullPolicy = string.IsNullOrEmpty(spec.ImagePullPolicy) ? ImageReference.DefaultPullPolicy(Image) : strings.Intern(spec.ImagePullPolicy)!;
        Init = init;
        Sidecar = init && spec.RestartPolicy == "Always";
        Port = spec.Ports?.FirstOrDefault()?.Port ?? 8080;
        ReadinessProbe = spec.ReadinessProbe;
        ReadyDelay = TimeSpan.FromSeconds(spec.ReadinessProbe?.InitialDelaySeconds ?? 0);
        StartupDelay = TimeSpan.FromSeconds(spec.StartupProbe?.InitialDelaySeconds ?? 0);
        MemoryLimit = spec.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory) ? memory.Value() : null;
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>Its image as the spec names it.</summary>
    public string Image { get; }

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    public string PullPolicy { get; }

    /// <summary>Whether it is an init container.</summary>
    public bool Init { get; }

    /// <summary>Whether it is a restartable init container (a sidecar): it keeps running beside the others.</summary>
    public bool Sidecar { get; }

    /// <summary>Its first declared port (logs and probe messages name it).</summary>
    public int Port { get; }

    /// <summary>Its readiness probe, if any.</summary>
    public Probe? ReadinessProbe { get; }

    /// <summary>Time from start to ready (the readiness probe's initial delay).</summary>
    public TimeSpan ReadyDelay { get; }

    /// <summary>Time from start to started (the startup probe's initial delay).</summary>
    public TimeSpan StartupDelay { get; }

    /// <summary>Its memory limit in bytes, if it has one.</summary>
    public long? MemoryLimit { get; }

    /// <summary>The field path events about it carry, e.g. <c>spec.containers{web}</c>.</summary>
    public string FieldPath => Init ? $"spec.initContainers{{{Name}}}" : $"spec.containers{{{Name}}}";

    /// <summary>Where it is in its life.</summary>
    public ContainerStep Step { get; set; }

    /// <summary>When its next transition is due, if one is.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>How the current (or coming) run behaves, decided when it starts.</summary>
    public ImageBehaviour Behaviour { get; set; }

    /// <summary>When the current run started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the current run becomes ready.</summary>
    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>When the current run counts as started (startup probe passed).</summary>
    public DateTimeOffset? StartedProbeAt { get; set; }

    /// <summary>When a failing probe is first reported (an app that never gets healthy).</summary>
    public DateTimeOffset? UnhealthyAt { get; set; }

    /// <summary>When the current run exits on its own, with what code, reason and last words.</summary>
    public PlannedExit? PlannedExit { get; set; }

    /// <summary>Whether it passes its readiness probe.</summary>
    public bool Ready { get; set; }

    /// <summary>Whether it passed its startup probe.</summary>
    public bool Started { get; set; }

    /// <summary>The waiting reason while not running (ContainerCreating, CrashLoopBackOff...).</summary>
    public string? WaitingReason { get; set; }

    /// <summary>The waiting message, if any.</summary>
    public string? WaitingMessage { get; set; }

    /// <summary>How the current run ended (while exited), else null.</summary>
    public ContainerExit? Terminated { get; set; }

    /// <summary>How the previous run ended.</summary>
    public ContainerExit? LastTerminated { get; set; }

    /// <summary>How often it was restarted.</summary>
    public int RestartCount { get; set; }

    /// <summary>
    /// The current (or last) run's container id, null before the first run: fixed per pod,
    /// container and restart (<see cref="ImageReference.ContainerId"/>), so only which run it is
    /// is kept, unless an adopted run came with an id of its own.
    /// </summary>
    public string? ContainerId => _adoptedId ?? (_run < 0 ? null : ImageReference.ContainerId(_podUid, Name, _run));

    /// <summary>When the current pull began.</summary>
    public DateTimeOffset PullStartedAt { get; set; }

    /// <summary>Back-off between restarts, from the first failure on.</summary>
    public Backoff? CrashBackoff { get; set; }

    /// <summary>Back-off between pulls, from the first failed pull on.</summary>
    public Backoff? PullBackoff { get; set; }

    /// <summary>Its logs.</summary>
    public ContainerLogs Logs { get; } = new();

    /// <summary>A run starts: the container id becomes this restart's.</summary>
    public void NewRun()
    {
        _run = RestartCount;
        _adoptedId = null;
    }

    /// <summary>The running container a kubelet adopted reports <paramref name="id"/> (kept as is when given).</summary>
    public void Adopt(string? id) => _adoptedId = id ?? _adoptedId;

    /// <summary>Whether the container is done as an init step: exited 0, or a sidecar that started.</summary>
    public bool InitDone => Sidecar ? Step == ContainerStep.Running && Started : Step == ContainerStep.Exited && Terminated?.ExitCode == 0;
}
