namespace Keelson.Tests.Flows;

/// <summary>One <c>keelson server</c> process of a <see cref="FlowTestBed"/>: started, maybe killed by a fault point, or killed by the test.</summary>
internal sealed class FlowServerNode : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private FlowServerNode(RunningProcess process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public bool HasExited => _process.HasExited;

    public string Output => _process.Output;

    public static async Task<FlowServerNode> StartAsync(string data, string database, IDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var process = RunningProcess.Start(Programs.Keelson, ["server", "--data", data, "--database", database, "--listen", $"127.0.0.1:{port}"], environment);
        var node = new FlowServerNode(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await process.WaitForLineAsync(l => l.StartsWith("keelson server ready", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        }
        catch (InvalidOperationException) when (process.HasExited)
        {
            // A fault point was reached while the server was starting (its engine resumes runs at once).
        }

        return node;
    }

    /// <summary>kill -9.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.KillHard();
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to die by itself; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!_process.HasExited && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        if (_process.HasExited)
        {
            await _process.DrainAsync(); // its last words (the fault point's line) may still be in the pipe
        }

        return _process.HasExited;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
