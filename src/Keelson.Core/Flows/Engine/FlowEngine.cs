using System.Collections.Concurrent;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Executors;
using Keelson.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// The flow engine of one Keelson replica (a hosted service): claims runs from the database (row
/// leases, renewed by heartbeats; on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so replicas share
/// the work and a dead replica's runs are taken over once its leases expire), drives each with a
/// <see cref="RunDriver"/>, runs their tasks on a bounded worker pool (<see cref="FlowScheduler"/>),
/// and delivers operators' commands to the runs it owns.
/// </summary>
public sealed partial class FlowEngine : IHostedService, IAsyncDisposable
{
    private const int ClaimBatch = 200;
    private readonly KeelsonDatabase _database;
    private readonly FlowStore _store;
    private readonly FlowDefinitions _definitions;
    private readonly FlowExecutors _executors;
    private readonly IActionGate _gate;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly FlowOptions _options;
    private readonly ILogger<FlowEngine> _logger;
    private readonly IRunAdmission _admission;
    private readonly ConcurrentDictionary<long, RunDriver> _drivers = new();
    private readonly SemaphoreSlim _poke = new(0);
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private EngineServices? _engine;

    internal FlowEngine(KeelsonDatabase database, FlowStore store, FlowDefinitions definitions, FlowExecutors executors, IActionGate gate, AuditLog audit, TimeProvider time, IOptions<FlowOptions> options, ILogger<FlowEngine> logger, IRunAdmission? admission = null)
    {
        _admission = admission ?? new AdmitAllRuns();
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _store = store;
        _definitions = definitions;
        _executors = executors;
        _gate = gate;
        _audit = audit;
        _time = time;
        _options = options.Value;
        _logger = logger;
        ReplicaName = _options.ReplicaName is { Length: > 0 } name ? name : $"{Environment.MachineName}/{Guid.NewGuid():N}";
    }

    /// <summary>This replica's name in run leases.</summary>
    public string ReplicaName { get; }

    /// <summary>How many runs this replica drives now.</summary>
    public int OwnedRuns => _drivers.Count;

    /// <summary>Test hook: see <see cref="EngineServices.Checkpoint"/>. Set before the engine starts.</summary>
    internal Func<string, CancellationToken, Task>? Checkpoint { get; set; }

    /// <summary>Starts claiming and driving runs.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return Task.CompletedTask;
        }

        _engine = new EngineServices
        {
            Store = _store,
            Writes = new WriteBatcher(_database, _audit, _time),
            Scheduler = new FlowScheduler(_options.MaxConcurrentTasks, _options.MaxTasksPerCluster),
            Definitions = _definitions,
            Executors = _executors,
            Gate = _gate,
            Admission = _admission,
            Audit = _audit,
            Time = _time,
            Options = _options,
            Logger = _logger,
            Owner = ReplicaName,
            Checkpoint = Checkpoint,
        };
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        LogStarted(_logger, ReplicaName, _database.Description);
        return Task.CompletedTask;
    }

    /// <summary>Stops driving runs and hands them back (releases the leases) so another replica, or the next start, continues them at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (await HaltAsync())
        {
            await _store.ReleaseAsync(ReplicaName, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _poke.Dispose();
    }

    /// <summary>Asks the engine to look for new runs and commands now (they were just written by this process).</summary>
    public void Notify()
    {
        try
        {
            _poke.Release();
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <summary>
    /// Stops at once as a crashed process would: no further write, leases kept until they expire.
    /// Tests use it to abandon a replica mid-run.
    /// </summary>
    internal async Task KillAsync() => await HaltAsync();

    /// <summary>Wakes a waiting task of a run this replica drives (a sub-flow it waits for ended).</summary>
    internal void WakeTask(long runId, string taskKey)
    {
        if (_drivers.TryGetValue(runId, out var driver))
        {
            driver.Post(new TaskWakeUp(taskKey));
        }
    }

    private async Task<bool> HaltAsync()
    {
        if (_loop is null || _stop is null || _engine is null)
        {
            return false;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        foreach (var driver in _drivers.Values)
        {
            driver.Stop();
        }

        await _engine.Writes.DisposeAsync();
        _drivers.Clear();
        _loop = null;
        _stop.Dispose();
        _stop = null;
        return true;
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        var engine = _engine!;
        var nextHeartbeat = 0L;
        while (!stopping.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                var now = engine.Now;
                var expires = now + (long)_options.LeaseDuration.TotalMilliseconds;
                if (now >= nextHeartbeat)
                {
                    var owned = await engine.Store.HeartbeatAsync(ReplicaName, expires, stopping);
                    foreach (var driver in _drivers.Values.Where(d => !owned.Contains(d.RunId)))
                    {
                        LogLost(_logger, driver.RunId);
                        driver.Stop();
                    }

                    nextHeartbeat = now + (long)(_options.LeaseDuration.TotalMilliseconds / 3);
                }

                var room = Math.Min(ClaimBatch, _options.MaxOwnedRuns - _drivers.Count);
                if (room > 0)
                {
                    var claimed = await engine.Store.ClaimAsync(ReplicaName, now, expires, room, stopping);
                    busy = claimed.Count == room;
                    if (claimed.Count > 0)
                    {
                        await StartDriversAsync(engine, claimed, stopping);
                    }
                }

                foreach (var group in (await engine.Store.PendingCommandsAsync(ReplicaName, stopping)).GroupBy(c => c.RunId))
                {
                    if (_drivers.TryGetValue(group.Key, out var driver))
                    {
                        driver.Post(group.ToList());
                    }
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogPollFailed(_logger, e, _database.Description);
            }

            if (!busy)
            {
                try
                {
                    await _poke.WaitAsync(_options.PollInterval, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                // Several pokes at once need one poll.
                while (_poke.CurrentCount > 0 && _poke.Wait(0, CancellationToken.None))
                {
                }
            }
        }
    }

    private async Task StartDriversAsync(EngineServices engine, IReadOnlyList<RunRow> claimed, CancellationToken stopping)
    {
        var ids = claimed.Select(r => r.Id).ToList();
        var tasks = (await engine.Store.TasksOfAsync(ids, stopping)).ToLookup(t => t.RunId);
        var commands = (await engine.Store.PendingCommandsAsync(ids, stopping)).ToLookup(c => c.RunId);
        foreach (var run in claimed)
        {
            CompiledFlow flow;
            try
            {
                flow = await engine.Definitions.GetAsync(run.Flow, run.Version, stopping);
            }
            catch (FlowDefinitionException e)
            {
                await FailUnrunnableAsync(engine, run, e.Message);
                continue;
            }

            var driver = new RunDriver(engine, flow, run, tasks[run.Id], WakeTask);
            if (commands[run.Id].Any())
            {
                // Before the driver starts: a finished run claimed for its commands would otherwise end at once.
                driver.Post(commands[run.Id].ToList());
            }

            if (_drivers.TryGetValue(run.Id, out var old))
            {
                old.Stop();
            }

            _drivers[run.Id] = driver;
            _ = Task.Run(() => DriveAsync(engine, driver, stopping), CancellationToken.None);
        }
    }

    private async Task DriveAsync(EngineServices engine, RunDriver driver, CancellationToken stopping)
    {
        try
        {
            await driver.RunAsync();
        }
        catch (Exception e)
        {
            LogDriverFailed(_logger, e, driver.RunId);
        }
        finally
        {
            _drivers.TryRemove(new KeyValuePair<long, RunDriver>(driver.RunId, driver));
            driver.Dispose();
        }

        if (stopping.IsCancellationRequested || driver.LeaseReleased)
        {
            return; // a stop releases every lease at once; a kill releases none, as a crash would not; ending the run released it
        }

        try
        {
            // Hand the run back: when it needs an owner again (a command, a failed driver) any replica claims it.
            await engine.Store.ReleaseRunAsync(new RunLease(driver.RunId, ReplicaName, driver.Epoch), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogPollFailed(_logger, e, _database.Description);
        }
    }

    private static async Task FailUnrunnableAsync(EngineServices engine, RunRow run, string why)
    {
        var reason = $"flow {run.Flow} version {run.Version} cannot run on this Keelson: {why}";
        await engine.Writes.WriteAsync(new RunLease(run.Id, engine.Owner, run.LeaseEpoch), async (connection, transaction, now) =>
        {
            await FlowStore.SetRunStateAsync(connection, transaction, run.Id, RunStates.Failed, reason, now, CancellationToken.None);
            await engine.Writes.EventAsync(connection, transaction, run.Id, now, "run.failed", null, reason, null);
            return true;
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "flow engine {Replica} started on {Database}")]
    private static partial void LogStarted(ILogger logger, string replica, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: this replica's lease was taken over; it stops driving the run")]
    private static partial void LogLost(ILogger logger, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "flow engine: polling {Database} failed; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string database);

    [LoggerMessage(Level = LogLevel.Error, Message = "run {RunId}: its driver failed; the run is handed back and claimed again")]
    private static partial void LogDriverFailed(ILogger logger, Exception exception, long runId);
}
