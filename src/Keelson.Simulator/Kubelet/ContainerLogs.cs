namespace Keelson.Simulator.Kubelet;

/// <summary>
/// The logs of one container: its current (or last) run and the run before it, which is what
/// <c>kubectl logs --previous</c> reads. Written by the kubelet, read by the log endpoint on
/// other threads: runs are immutable and swapped whole.
/// </summary>
internal sealed class ContainerLogs
{
    private readonly Lock _lock = new();
    private LogInstance? _current;
    private LogInstance? _previous;
    private TaskCompletionSource? _changed;

    /// <summary>The running or most recently finished run, or null before the first start.</summary>
    public LogInstance? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>The run before <see cref="Current"/>, or null.</summary>
    public LogInstance? Previous
    {
        get
        {
            lock (_lock)
            {
                return _previous;
            }
        }
    }

    /// <summary>Completes at the next change (a start, a stop), for followers.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                // Made only when someone follows: most containers are never followed.
                _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _changed.Task;
            }
        }
    }

    /// <summary>A new run begins; the current one becomes the previous.</summary>
    public void Start(LogInstance run)
    {
        Swap(() =>
        {
            _previous = _current;
            _current = run;
        });
    }

    /// <summary>The current run changed (got SIGTERM, exited).</summary>
    public void Update(Func<LogInstance, LogInstance> change)
    {
        Swap(() =>
        {
            if (_current is not null)
            {
                _current = change(_current);
            }
        });
    }

    private void Swap(Action change)
    {
        TaskCompletionSource? signal;
        lock (_lock)
        {
            change();
            signal = _changed;
            _changed = null;
        }

        signal?.TrySetResult();
    }
}
