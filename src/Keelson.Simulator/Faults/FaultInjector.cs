using System.Collections.Concurrent;
using System.Globalization;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Faults;

/// <summary>
/// Injects and clears the faults of one cluster — from the fault API, the CLI or the
/// scenario's timed script — and records every injection and clearing as an Event.
/// </summary>
public sealed class FaultInjector : IDisposable
{
    private readonly SimulationContext _cluster;
    private readonly ConcurrentDictionary<string, (ActiveFault Fault, IFaultType Type, ITimer? Timer)> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ITimer> _scheduled = [];
    private long _next;

    /// <summary>Creates the injector of one cluster.</summary>
    public FaultInjector(SimulationContext cluster) => _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));

    /// <summary>The faults in effect, oldest first.</summary>
    public IReadOnlyList<ActiveFault> Active => [.. _active.Values.Select(a => a.Fault).OrderBy(f => f.InjectedAt)];

    /// <summary>Injects a fault, cleared after <paramref name="duration"/> when given.</summary>
    /// <exception cref="FaultException">Unknown type or bad parameters; the message says what to pass.</exception>
    public ActiveFault Inject(string type, IReadOnlyDictionary<string, string> parameters, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var faultType = FaultTypes.Find(type) ?? throw new FaultException($"unknown fault type \"{type}\"; the types are: {FaultTypes.Names}");
        if (faultType.Validate(parameters, _cluster) is { } problem)
        {
            throw new FaultException($"fault {faultType.Name} in cluster \"{_cluster.ClusterName}\": {problem}");
        }

        var now = _cluster.Time.GetUtcNow();
        var id = "f" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var fault = new ActiveFault(id, faultType.Name, new Dictionary<string, string>(parameters, StringComparer.Ordinal), now, duration is { } d && d > TimeSpan.Zero ? now + d : null);
        faultType.Inject(fault.Parameters, _cluster);
        ITimer? timer = null;
        if (faultType is WatchCutFault && FaultTargets.Duration(fault.Parameters, "interval", TimeSpan.Zero) is var interval && interval > TimeSpan.Zero)
        {
            timer = _cluster.Time.CreateTimer(_ => _cluster.Faults.Api.CutWatches(), null, interval, interval);
        }

        _active[id] = (fault, faultType, timer);
        if (fault.ClearsAt is not null)
        {
            _scheduled.Add(_cluster.Time.CreateTimer(_ => Clear(id), null, duration!.Value, Timeout.InfiniteTimeSpan));
        }

        _cluster.Events.Record(faultType.Target(fault.Parameters, _cluster), "Warning", "FaultInjected",
            $"Injected fault {fault.Describe()}" + (duration is { } lasts && lasts > TimeSpan.Zero ? $" for {GoDuration.Format(lasts)}" : "") + $" (id {id})",
            "keelson-sim");
        return fault;
    }

    /// <summary>Clears one fault; false when no fault has that id.</summary>
    public bool Clear(string id)
    {
        if (!_active.TryRemove(id, out var entry))
        {
            return false;
        }

        entry.Timer?.Dispose();
        entry.Type.Clear(entry.Fault.Parameters, _cluster);
        _cluster.Events.Record(entry.Type.Target(entry.Fault.Parameters, _cluster), "Normal", "FaultCleared",
            $"Cleared fault {entry.Fault.Describe()} (id {id})", "keelson-sim");
        return true;
    }

    /// <summary>Clears every fault; returns how many.</summary>
    public int ClearAll() => _active.Keys.ToList().Count(Clear);

    /// <summary>Schedules the scenario's fault script for this cluster, relative to now.</summary>
    /// <exception cref="FaultException">A scripted fault has an unknown type or bad parameters.</exception>
    public void Schedule(IEnumerable<FaultSpec> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        foreach (var spec in script.Where(f => f.Cluster == _cluster.ClusterName))
        {
            var type = FaultTypes.Find(spec.Type) ?? throw new FaultException($"scenario fault at {GoDuration.Format(spec.At)}: unknown type \"{spec.Type}\"; the types are: {FaultTypes.Names}");
            if (type.Validate(spec.Parameters, _cluster) is { } problem)
            {
                throw new FaultException($"scenario fault {type.Name} at {GoDuration.Format(spec.At)} in cluster \"{spec.Cluster}\": {problem}");
            }

            _scheduled.Add(_cluster.Time.CreateTimer(_ => Inject(spec.Type, spec.Parameters, spec.Duration), null, spec.At, Timeout.InfiniteTimeSpan));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var timer in _scheduled)
        {
            timer.Dispose();
        }

        foreach (var (_, entry) in _active)
        {
            entry.Timer?.Dispose();
        }
    }
}
