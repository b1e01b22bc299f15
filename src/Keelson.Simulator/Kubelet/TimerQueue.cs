namespace Keelson.Simulator.Kubelet;

/// <summary>
/// Keys due at times on the simulation clock, fired by one loop per component: a priority queue
/// ordered by due time instead of a timer or task per object, so 100,000 pods cost one sleeping loop.
/// A key is due once; scheduling it again keeps the earlier time.
/// </summary>
/// <remarks>The scheduler, the kubelet and the node controllers all use it; it lives here with its main user.</remarks>
/// <typeparam name="T">The key type.</typeparam>
internal sealed class TimerQueue<T>
    where T : notnull
{
    private readonly PriorityQueue<T, DateTimeOffset> _queue = new();
    private readonly Dictionary<T, DateTimeOffset> _due = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _earlier = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _nextWake = DateTimeOffset.MaxValue;

    public TimerQueue(TimeProvider time) => _time = time;

    /// <summary>Makes <paramref name="key"/> due at <paramref name="at"/>, unless it is already due earlier.</summary>
    public void Schedule(T key, DateTimeOffset at)
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            if (_due.TryGetValue(key, out var existing) && existing <= at)
            {
                return;
            }

            _due[key] = at;
            _queue.Enqueue(key, at);
            if (at < _nextWake)
            {
                _nextWake = at;
                wake = _earlier;
            }
        }

        wake?.TrySetResult();
    }

    /// <summary>Forgets <paramref name="key"/> (a stale queue entry is skipped when it comes up).</summary>
    public void Cancel(T key)
    {
        lock (_lock)
        {
            _due.Remove(key);
        }
    }

    /// <summary>Calls <paramref name="fire"/> for every key as it comes due, until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(Action<T> fire, CancellationToken stop)
    {
        var ready = new List<T>();
        while (!stop.IsCancellationRequested)
        {
            Task signal;
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                while (_queue.TryPeek(out var key, out var at) && at <= now)
                {
                    _queue.Dequeue();
                    if (_due.TryGetValue(key, out var current) && current == at)
                    {
                        _due.Remove(key);
                        ready.Add(key);
                    }
                }

                // Stale entries (rescheduled or cancelled keys) are dropped as they surface.
                while (_queue.TryPeek(out var key, out var at) && !(_due.TryGetValue(key, out var current) && current == at))
                {
                    _queue.Dequeue();
                }

                _nextWake = _queue.TryPeek(out _, out var next) ? next : DateTimeOffset.MaxValue;
                wait = _nextWake == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : _nextWake - now;
                if (_earlier.Task.IsCompleted)
                {
                    _earlier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                signal = _earlier.Task;
            }

            foreach (var key in ready)
            {
                fire(key);
            }

            ready.Clear();
            if (wait != Timeout.InfiniteTimeSpan && wait <= TimeSpan.Zero)
            {
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var delay = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, sleep.Token) : Task.Delay(wait, _time, sleep.Token);
            await Task.WhenAny(delay, signal);
            await sleep.CancelAsync();
            stop.ThrowIfCancellationRequested();
        }
    }
}
