using System.Data.Common;
using System.Threading.Channels;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// Commits the engine's writes in batches: every write waiting when a transaction starts goes into
/// it, and each caller learns its write committed only after the commit. One commit then carries
/// many task transitions, which is what lets SQLite's single writer and PostgreSQL's fsync keep up.
/// </summary>
/// <remarks>
/// A write for a run first checks the run's lease (see <see cref="FlowStore.FenceAsync(DbConnection, DbTransaction, RunLease, long, CancellationToken)"/>); when it no
/// longer holds, that write is skipped (its caller gets false) and the others commit. A write whose
/// own condition fails returns false and must not have changed anything before failing.
/// <para>
/// Round trips, not commits, bound a batch on PostgreSQL, so a batch makes few: the leases of all its
/// runs are checked (and locked) by one statement at its start, task transitions queued one after
/// another (<see cref="SaveTaskAsync"/>, most of the engine's writes) are saved by one statement, and
/// the history events and audit records its writes add (<see cref="EventAsync"/>, <see cref="AuditAsync"/>)
/// are inserted together at its end — all in the same transaction, so nothing is committed any later than before.
/// </para>
/// </remarks>
internal sealed class WriteBatcher : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly KeelsonDatabase _database;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    // The rows the batch being written appends at its end; set only while its transaction runs (on the loop).
    private Appends? _appends;

    public WriteBatcher(KeelsonDatabase database, AuditLog audit, TimeProvider time)
    {
        _database = database;
        _audit = audit;
        _time = time;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Raised after a commit, once per run that was written for.</summary>
    public event Action<long>? Committed;

    /// <summary>
    /// Queues <paramref name="work"/> for the next batch and waits for its commit. The work gets the
    /// connection, the transaction and the batch's time (Unix milliseconds).
    /// </summary>
    /// <returns>False when the lease no longer held or the work's own condition failed.</returns>
    /// <exception cref="OperationCanceledException">The batcher was stopped (the engine is shutting down).</exception>
    public async Task<bool> WriteAsync(RunLease? lease, Func<DbConnection, DbTransaction, long, Task<bool>> work) => await Enqueue(new Request(lease, work, null, NewDone())) is true;

    /// <summary>
    /// Queues a task row's save (see <see cref="TaskSave"/>) for the next batch and waits for its commit.
    /// Saves queued together are written by one statement, so a batch of task transitions costs one
    /// round trip on PostgreSQL, not one each.
    /// </summary>
    /// <returns>True when committed, false when the stored row was no longer in the expected state, null when the lease no longer held.</returns>
    /// <exception cref="OperationCanceledException">The batcher was stopped (the engine is shutting down).</exception>
    public Task<bool?> SaveTaskAsync(RunLease lease, TaskSave save) => Enqueue(new Request(lease, null, save, NewDone()));

    private static TaskCompletionSource<bool?> NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task<bool?> Enqueue(Request request) =>
        _queue.Writer.TryWrite(request) ? request.Done.Task : throw new OperationCanceledException("the flow engine is stopping");

    /// <summary>Stops taking writes; a batch already committing finishes, queued writes are cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping: nothing to report.
        }

        while (_queue.Reader.TryRead(out var request))
        {
            request.Done.TrySetCanceled();
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var batch = new List<Request>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(_stop.Token))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            try
            {
                var results = await CommitAsync(batch);
                Complete(batch, results);
            }
            catch (Exception) when (batch.Count > 1 && !_stop.IsCancellationRequested)
            {
                // One bad write must not sink the others: commit them one by one to find it.
                foreach (var request in batch)
                {
                    try
                    {
                        Complete([request], await CommitAsync([request]));
                    }
                    catch (Exception e)
                    {
                        request.Done.TrySetException(e);
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                {
                    request.Done.TrySetException(e);
                }
            }
        }
    }

    /// <summary>
    /// Adds a history event to the transaction: inside a batch, inserted with the batch's other events
    /// just before it commits; otherwise at once.
    /// </summary>
    public Task EventAsync(DbConnection connection, DbTransaction transaction, long runId, long at, string type, string? task, string message, string? actor)
    {
        if (_appends is { } appends && ReferenceEquals(appends.Transaction, transaction))
        {
            appends.Events.Add(new EventRow { RunId = runId, At = at, Type = type, Task = task, Message = message, Actor = actor });
            return Task.CompletedTask;
        }

        return FlowStore.InsertEventAsync(connection, transaction, runId, at, type, task, message, actor, CancellationToken.None);
    }

    /// <summary>
    /// Adds an audit record to the transaction: inside a batch, appended with the batch's other records
    /// (in order) just before it commits; otherwise at once.
    /// </summary>
    public Task AuditAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry)
    {
        if (_appends is { } appends && ReferenceEquals(appends.Transaction, transaction))
        {
            appends.Audit.Add(entry);
            return Task.CompletedTask;
        }

        return _audit.AppendAsync(entry, connection, transaction, CancellationToken.None);
    }

    private Task<bool?[]> CommitAsync(List<Request> batch) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            // Computed afresh on each try: a retried transaction redoes every write.
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var results = new bool?[batch.Count];

            // Every write of a run uses the batch's one lease check, except after a write of the run made
            // through WriteAsync: that may have ended the run (and its lease), so the lease is checked again.
            var leases = batch.Select(r => r.Lease).OfType<RunLease>().Distinct().ToList();
            var held = leases.Count == 0 ? [] : await FlowStore.FenceAsync(connection, transaction, leases, now, _stop.Token);
            var rewritten = new HashSet<long>();
            var appends = new Appends(transaction);
            _appends = appends;
            try
            {
                for (var i = 0; i < batch.Count;)
                {
                    if (batch[i].Save is null)
                    {
                        var lease = batch[i].Lease;
                        results[i] = await HoldsAsync(lease) ? await batch[i].Work!(connection, transaction, now) : null;
                        if (lease is not null)
                        {
                            rewritten.Add(lease.RunId);
                        }

                        i++;
                        continue;
                    }

                    // A stretch of task saves: one statement for all of them whose lease holds (the others stay null).
                    var saves = new List<int>();
                    for (; i < batch.Count && batch[i].Save is not null; i++)
                    {
                        if (await HoldsAsync(batch[i].Lease))
                        {
                            saves.Add(i);
                        }
                    }

                    var saved = await FlowStore.SaveTasksAsync(connection, transaction, _database.Dialect, [.. saves.Select(s => batch[s].Save!)], _stop.Token);
                    for (var s = 0; s < saves.Count; s++)
                    {
                        var save = batch[saves[s]].Save!;
                        results[saves[s]] = saved[s];
                        if (saved[s] && save.Event is { } e)
                        {
                            e.At = now;
                            appends.Events.Add(e);
                        }

                        if (saved[s] && save.Audit is { } audit)
                        {
                            appends.Audit.Add(audit);
                        }
                    }
                }
            }
            finally
            {
                _appends = null;
            }

            await FlowStore.InsertEventsAsync(connection, transaction, appends.Events, _stop.Token);
            await _audit.AppendAsync(appends.Audit, connection, transaction, _stop.Token);
            return results;

            async Task<bool> HoldsAsync(RunLease? lease) =>
                lease is null || (rewritten.Contains(lease.RunId) ? await FlowStore.FenceAsync(connection, transaction, lease, now, _stop.Token) : held.Contains(lease));
        }, _stop.Token);

    private void Complete(List<Request> batch, bool?[] results)
    {
        var runs = new HashSet<long>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is true && batch[i].Lease is { } lease)
            {
                runs.Add(lease.RunId);
            }

            batch[i].Done.TrySetResult(results[i]);
        }

        foreach (var run in runs)
        {
            Committed?.Invoke(run);
        }
    }

    private sealed record Appends(DbTransaction Transaction)
    {
        public List<EventRow> Events { get; } = [];

        public List<AuditEntry> Audit { get; } = [];
    }

    /// <summary>A write: either <paramref name="Work"/> (any statements) or <paramref name="Save"/> (a task row's save).</summary>
    private sealed record Request(RunLease? Lease, Func<DbConnection, DbTransaction, long, Task<bool>>? Work, TaskSave? Save, TaskCompletionSource<bool?> Done);
}
