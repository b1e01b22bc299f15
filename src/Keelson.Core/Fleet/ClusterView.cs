using Keelson.Core.Clusters;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Fleet;

/// <summary>
/// The live view of one cluster: informers with lean projections on nodes, pods, workloads and
/// events; counters their events keep current, so health needs no scan; and a loop that probes
/// the API and checks the informers' health once a second.
/// </summary>
internal sealed class ClusterView : IAsyncDisposable
{
    /// <summary>Pods by <see cref="FleetPod.App"/>.</summary>
    public const string AppIndex = "app";

    /// <summary>Pods by <see cref="FleetWorkload.KeyOf"/> of their Deployment, StatefulSet or DaemonSet.</summary>
    public const string WorkloadIndex = "workload";

    /// <summary>Nodes by <see cref="FleetNode.ConditionKeys"/>.</summary>
    public const string ConditionIndex = "condition";

    /// <summary>Events by namespace.</summary>
    public const string NamespaceIndex = "namespace";

    // The cheapest request that still authenticates and reads storage: /version answers even when
    // the credentials are revoked or storage is down.
    private const string ProbeRequest = "GET /api/v1/namespaces/default";

    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly KubernetesClient _client;
    private readonly KubernetesClient _probeClient;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly StringPool _strings = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchTracker[] _trackers;
    private readonly int[] _podPhases = new int[Enum.GetValues<PodPhase>().Length];
    private int _readyNodes;
    private int _cordonedNodes;
    private int _problemNodes;
    private int _unavailableWorkloads;
    private long _events;
    private long _apiErrors;
    private long _lastEventTicks;
    private ProbeResult? _probe;
    private Task? _loop;

    /// <summary>Creates the view; <see cref="Start"/> begins listing and watching.</summary>
    public ClusterView(string name, KubernetesClientOptions connection, FleetOptions options, TimeProvider time)
    {
        Name = name;
        _options = options;
        _time = time;
        // Lists and watches ride out a blip with a few quick retries (a relist of a large cluster is
        // many pages); the informers back off on their own after that. The probe tries once, so its
        // latency is one request's.
        _client = new KubernetesClient(WithRetry(name, connection, new RetryOptions { MaxAttempts = 3, MaxDelay = TimeSpan.FromSeconds(1) }, connection.RequestTimeout), time);
        _probeClient = new KubernetesClient(WithRetry(name, connection, new RetryOptions { MaxAttempts = 1 }, TimeSpan.FromSeconds(10)), time);
        var informerOptions = new InformerOptions { MaxBackoff = options.MaxBackoff };

        Nodes = new Informer<Node, FleetNode>(_client.Resource<Node>(), n => FleetNode.From(name, n, _strings), informerOptions, time);
        Nodes.AddIndex(ConditionIndex, n => n.ConditionKeys());
        Nodes.Added += n => { CountNode(n, 1); Changed(); };
        Nodes.Updated += (old, n) => { CountNode(old, -1); CountNode(n, 1); Changed(); };
        Nodes.Deleted += n => { CountNode(n, -1); Changed(); };

        Pods = new Informer<Pod, FleetPod>(_client.Resource<Pod>(), p => FleetPod.From(name, p, _strings), informerOptions, time);
        Pods.AddIndex(AppIndex, p => p.App is null ? [] : [p.App]);
        Pods.AddIndex(WorkloadIndex, p => p.WorkloadKind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet
            ? [FleetWorkload.KeyOf(p.WorkloadKind.Value, p.Namespace, p.Workload!)]
            : []);
        Pods.Added += p => { Interlocked.Increment(ref _podPhases[(int)p.Phase]); Changed(); };
        Pods.Updated += (old, p) => { Interlocked.Decrement(ref _podPhases[(int)old.Phase]); Interlocked.Increment(ref _podPhases[(int)p.Phase]); Changed(); };
        Pods.Deleted += p => { Interlocked.Decrement(ref _podPhases[(int)p.Phase]); Changed(); };

        Deployments = Workloads<Deployment>(d => FleetWorkload.From(name, d, _strings), informerOptions);
        StatefulSets = Workloads<StatefulSet>(s => FleetWorkload.From(name, s, _strings), informerOptions);
        DaemonSets = Workloads<DaemonSet>(d => FleetWorkload.From(name, d, _strings), informerOptions);

        Events = new Informer<Event, FleetEvent>(_client.Resource<Event>(), e => FleetEvent.From(name, e, _strings), informerOptions, time);
        Events.AddIndex(NamespaceIndex, e => [e.Namespace]);
        Events.Added += _ => Changed();
        Events.Updated += (_, _) => Changed();
        Events.Deleted += _ => Changed();

        _trackers =
        [
            new("nodes", () => Nodes.Health),
            new("pods", () => Pods.Health),
            new("deployments", () => Deployments.Health),
            new("statefulsets", () => StatefulSets.Health),
            new("daemonsets", () => DaemonSets.Health),
            new("events", () => Events.Health),
        ];
    }

    /// <summary>The cluster's registered name.</summary>
    public string Name { get; }

    /// <summary>Its nodes.</summary>
    public Informer<Node, FleetNode> Nodes { get; }

    /// <summary>Its pods.</summary>
    public Informer<Pod, FleetPod> Pods { get; }

    /// <summary>Its Deployments.</summary>
    public Informer<Deployment, FleetWorkload> Deployments { get; }

    /// <summary>Its StatefulSets.</summary>
    public Informer<StatefulSet, FleetWorkload> StatefulSets { get; }

    /// <summary>Its DaemonSets.</summary>
    public Informer<DaemonSet, FleetWorkload> DaemonSets { get; }

    /// <summary>Its events (the cluster deletes them after its event TTL, an hour by default).</summary>
    public Informer<Event, FleetEvent> Events { get; }

    /// <summary>Whether every informer has loaded its first list.</summary>
    public bool HasSynced => _trackers.All(t => t.Health.Synced);

    /// <summary>The workloads of <paramref name="kind"/>, or of every kind when null.</summary>
    public IEnumerable<FleetWorkload> Workloads(WorkloadKind? kind) => kind switch
    {
        WorkloadKind.Deployment => Deployments.List(),
        WorkloadKind.StatefulSet => StatefulSets.List(),
        WorkloadKind.DaemonSet => DaemonSets.List(),
        null => [.. Deployments.List(), .. StatefulSets.List(), .. DaemonSets.List()],
        _ => [],
    };

    /// <summary>One workload, or null.</summary>
    public FleetWorkload? Workload(WorkloadKind kind, string @namespace, string name)
    {
        var key = new ObjectKey(@namespace, name);
        return kind switch
        {
            WorkloadKind.Deployment => Deployments.Get(key),
            WorkloadKind.StatefulSet => StatefulSets.Get(key),
            WorkloadKind.DaemonSet => DaemonSets.Get(key),
            _ => null,
        };
    }

    /// <summary>Starts the informers and the probe loop.</summary>
    public void Start()
    {
        Nodes.Start();
        Pods.Start();
        Deployments.Start();
        StatefulSets.Start();
        DaemonSets.Start();
        Events.Start();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Completes when every informer has loaded its first list.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(
        Nodes.WaitForSyncAsync(cancellationToken),
        Pods.WaitForSyncAsync(cancellationToken),
        Deployments.WaitForSyncAsync(cancellationToken),
        StatefulSets.WaitForSyncAsync(cancellationToken),
        DaemonSets.WaitForSyncAsync(cancellationToken),
        Events.WaitForSyncAsync(cancellationToken));

    /// <summary>The cluster's health as the view sees it now.</summary>
    public ClusterHealth Health(ClusterRecord record, TimeSpan eventWindow)
    {
        var now = _time.GetUtcNow();
        var stale = Staleness(now);
        var probe = Volatile.Read(ref _probe);
        var phases = new Dictionary<PodPhase, int>();
        foreach (var phase in Enum.GetValues<PodPhase>())
        {
            if (Volatile.Read(ref _podPhases[(int)phase]) is var count and > 0)
            {
                phases[phase] = count;
            }
        }

        var since = now - eventWindow;
        var warnings = Events.List().Count(e => e.Type == "Warning" && e.LastSeen >= since.UtcDateTime);
        var lastSync = _trackers.Max(t => t.Health.LastSync);
        return new ClusterHealth(
            Name,
            record.Tags,
            stale is not null ? ClusterStatus.Stale : HasSynced ? ClusterStatus.Ready : ClusterStatus.Syncing,
            stale,
            probe is null ? null : probe.Error is null,
            probe?.Error is null && probe?.Latency is { } latency ? Kubernetes.Yaml.GoDuration.Format(TimeSpan.FromMicroseconds(Math.Round(latency.TotalMicroseconds / 100) * 100)) : null,
            probe?.At.UtcDateTime,
            lastSync?.UtcDateTime,
            new NodeCounts(Nodes.Count, Volatile.Read(ref _readyNodes), Volatile.Read(ref _cordonedNodes), Volatile.Read(ref _problemNodes)),
            new PodCounts(phases.Values.Sum(), phases),
            new WorkloadCounts(Deployments.Count + StatefulSets.Count + DaemonSets.Count, Volatile.Read(ref _unavailableWorkloads)),
            warnings);
    }

    /// <summary>Why the view may be out of date: the longest-failing list or watch, else a failing probe; null when current.</summary>
    public StaleReason? Staleness(DateTimeOffset now)
    {
        StaleReason? oldest = null;
        foreach (var tracker in _trackers)
        {
            var health = tracker.Health;
            var failure = tracker.Failure;
            var error = health.Error ?? failure?.Error;
            if (error is null)
            {
                continue;
            }

            var since = (failure?.Since ?? health.FailingSince ?? now).UtcDateTime;
            if (oldest is null || since < oldest.Since)
            {
                oldest = new StaleReason($"listing and watching {tracker.Resource} fails: {error}", since);
            }
        }

        if (oldest is null && Volatile.Read(ref _probe) is { Error: { } probeError } probe)
        {
            oldest = new StaleReason($"the API server does not answer {ProbeRequest}: {probeError}", (probe.FailingSince ?? probe.At).UtcDateTime);
        }

        return oldest;
    }

    /// <summary>The counters for <c>/metrics</c>.</summary>
    public ClusterMetrics Metrics()
    {
        var now = _time.GetUtcNow();
        var last = Interlocked.Read(ref _lastEventTicks);
        return new ClusterMetrics(
            Name,
            Staleness(now) is not null ? ClusterStatus.Stale : HasSynced ? ClusterStatus.Ready : ClusterStatus.Syncing,
            Interlocked.Read(ref _events),
            last == 0 ? null : now - new DateTimeOffset(last, TimeSpan.Zero),
            Interlocked.Read(ref _apiErrors),
            Volatile.Read(ref _probe)?.Latency,
            Nodes.Count,
            Pods.Count,
            Deployments.Count + StatefulSets.Count + DaemonSets.Count,
            Events.Count);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping is the expected way out.
            }
        }

        await Nodes.DisposeAsync();
        await Pods.DisposeAsync();
        await Deployments.DisposeAsync();
        await StatefulSets.DisposeAsync();
        await DaemonSets.DisposeAsync();
        await Events.DisposeAsync();
        _client.Dispose();
        _probeClient.Dispose();
        _stop.Dispose();
    }

    private static KubernetesClientOptions WithRetry(string name, KubernetesClientOptions connection, RetryOptions retry, TimeSpan requestTimeout) => new()
    {
        Server = connection.Server,
        CertificateAuthorities = connection.CertificateAuthorities,
        CertificateAuthoritySource = connection.CertificateAuthoritySource,
        InsecureSkipTlsVerify = connection.InsecureSkipTlsVerify,
        TlsServerName = connection.TlsServerName,
        ClientCertificate = connection.ClientCertificate,
        Credentials = connection.Credentials,
        ContextName = name,
        RequestTimeout = requestTimeout,
        ConnectTimeout = connection.ConnectTimeout,
        Retry = retry,
        UserAgent = "keelson-fleet",
    };

    private Informer<TSource, FleetWorkload> Workloads<TSource>(Func<TSource, FleetWorkload> project, InformerOptions options)
        where TSource : KubernetesObject, IKubernetesResource
    {
        var informer = new Informer<TSource, FleetWorkload>(_client.Resource<TSource>(), project, options, _time);
        informer.Added += w => { CountWorkload(w, 1); Changed(); };
        informer.Updated += (old, w) => { CountWorkload(old, -1); CountWorkload(w, 1); Changed(); };
        informer.Deleted += w => { CountWorkload(w, -1); Changed(); };
        return informer;
    }

    private void CountNode(FleetNode node, int delta)
    {
        if (node.Ready)
        {
            Interlocked.Add(ref _readyNodes, delta);
        }

        if (node.Cordoned)
        {
            Interlocked.Add(ref _cordonedNodes, delta);
        }

        if (node.Problems.Count > 0)
        {
            Interlocked.Add(ref _problemNodes, delta);
        }
    }

    private void CountWorkload(FleetWorkload workload, int delta)
    {
        if (workload.NotAvailable)
        {
            Interlocked.Add(ref _unavailableWorkloads, delta);
        }
    }

    private void Changed()
    {
        Interlocked.Increment(ref _events);
        Interlocked.Exchange(ref _lastEventTicks, _time.GetUtcNow().UtcTicks);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CheckInterval, _time);
        var nextProbe = _time.GetUtcNow();
        do
        {
            if (_time.GetUtcNow() >= nextProbe)
            {
                await ProbeAsync(stop);
                nextProbe = _time.GetUtcNow() + _options.ProbeInterval;
            }

            var now = _time.GetUtcNow();
            foreach (var tracker in _trackers)
            {
                if (tracker.Check(now))
                {
                    Interlocked.Increment(ref _apiErrors);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task ProbeAsync(CancellationToken stop)
    {
        var previous = Volatile.Read(ref _probe);
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        try
        {
            await _probeClient.Resource<Namespace>().GetAsync("default", stop);
            Volatile.Write(ref _probe, new ProbeResult(at, _time.GetElapsedTime(started), null, null));
        }
        catch (Exception e) when (e is KubernetesApiException or KubernetesTransportException)
        {
            Interlocked.Increment(ref _apiErrors);
            Volatile.Write(ref _probe, new ProbeResult(at, previous?.Latency, e.Message, previous?.FailingSince ?? at));
        }
    }
}
