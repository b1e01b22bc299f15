using System.Data.Common;
using System.Threading.Channels;
using Keelson.Storage;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// Commits the engine's writes in batches: every write waiting when a transaction starts goes into
/// it, and each caller learns its write committed only after the commit. One commit then carries
/// many task transitions, which is what lets SQLite's single writer and PostgreSQL's fsync keep up.
/// </summary>
/// <remarks>
/// A write for a run first checks the run's lease (see <see cref="FlowStore.FenceAsync"/>); when it no
/// longer holds, that write is skipped (its caller gets false) and the others commit. A write whose
/// own condition fails returns false and must not have changed anything before failing.
/// </remarks>
internal sealed class WriteBatcher : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly KeelsonDatabase _database;
    private readonly TimeProvider _time;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WriteBatcher(KeelsonDatabase database, TimeProvider time)
    {
        _database = database;
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
    public Task<bool> WriteAsync(RunLease? lease, Func<DbConnection, DbTransaction, long, Task<bool>> work)
    {
        var request = new Request(lease, work, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
        {
            throw new OperationCanceledException("the flow engine is stopping");
        }

        return request.Done.Task;
    }

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

    private Task<bool[]> CommitAsync(List<Request> batch) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            // Computed afresh on each try: a retried transaction redoes every write.
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var results = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var lease = batch[i].Lease;
                results[i] = (lease is null || await FlowStore.FenceAsync(connection, transaction, lease, now, _stop.Token))
                    && await batch[i].Work(connection, transaction, now);
            }

            return results;
        }, _stop.Token);

    private void Complete(List<Request> batch, bool[] results)
    {
        var runs = new HashSet<long>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] && batch[i].Lease is { } lease)
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

    private sealed record Request(RunLease? Lease, Func<DbConnection, DbTransaction, long, Task<bool>> Work, TaskCompletionSource<bool> Done);
}
