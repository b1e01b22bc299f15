using System.Threading.Channels;

namespace Keelson.Simulator.Controllers;

/// <summary>
/// A controller's queue of keys, as client-go's workqueue: a key waits at most once, is
/// never handled by two workers at once (a key added while it is being handled is handled
/// again afterwards), can be added after a delay, and backs off when its handling fails.
/// </summary>
/// <typeparam name="T">The key type.</typeparam>
public sealed class WorkQueue<T>
    where T : notnull
{
    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Lock _lock = new();
    private readonly HashSet<T> _waiting = [];
    private readonly HashSet<T> _active = [];
    private readonly HashSet<T> _again = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeProvider _time;

    /// <summary>Creates a queue using <paramref name="time"/> for delays.</summary>
    public WorkQueue(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>How many keys wait.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Queues a key (once, however often it is added before it is taken).</summary>
    public void Add(T key)
    {
        lock (_lock)
        {
            if (_active.Contains(key))
            {
                _again.Add(key);
                return;
            }

            if (!_waiting.Add(key))
            {
                return;
            }
        }

        _ready.Writer.TryWrite(key);
    }

    /// <summary>Queues a key after <paramref name="delay"/>.</summary>
    public void AddAfter(T key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                Add(key);
                timer?.Dispose();
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Queues a key again after a delay that doubles with each consecutive failure (5 ms to 5 min).</summary>
    public void AddRateLimited(T key)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }

        var delay = TimeSpan.FromMilliseconds(5 * Math.Pow(2, Math.Min(failures - 1, 20)));
        AddAfter(key, delay > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : delay);
    }

    /// <summary>Resets a key's failure count after it was handled successfully.</summary>
    public void Forget(T key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key and marks it active until <see cref="Done"/>.</summary>
    public async ValueTask<T> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _ready.Reader.ReadAsync(cancellationToken);
        lock (_lock)
        {
            _waiting.Remove(key);
            _active.Add(key);
        }

        return key;
    }

    /// <summary>Marks a key handled; if it was added meanwhile it is queued again.</summary>
    public void Done(T key)
    {
        bool again;
        lock (_lock)
        {
            _active.Remove(key);
            again = _again.Remove(key);
        }

        if (again)
        {
            Add(key);
        }
    }
}
