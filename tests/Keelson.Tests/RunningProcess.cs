using System.Diagnostics;
using System.Text;

namespace Keelson.Tests;

/// <summary>A long-running program (keelson sim, keelson up, keelson server) whose output a test waits on.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private RunningProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines) + "\n--- stderr\n" + _stderr;
            }
        }
    }

    public static RunningProcess Start(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var process = new Process { StartInfo = Programs.StartInfo(program, args, environment) };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (running._lines)
            {
                running._lines.Add(e.Data);
            }

            running._newLine.Release();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (running._lines)
                {
                    running._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for an output line that passes <paramref name="match"/>, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var seen = 0;
        while (true)
        {
            lock (_lines)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                    {
                        return _lines[seen];
                    }
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the process exited ({_process.ExitCode}) before printing the expected line:\n{Output}");
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no expected line within {timeout.TotalSeconds}s:\n{Output}");
            }

            await _newLine.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Once the process has exited: waits until everything it wrote has been read into <see cref="Output"/>.</summary>
    public Task DrainAsync() => _process.WaitForExitAsync();

    /// <summary>Ends the process as kill -9 does: no cleanup, no flush.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Asks the process to stop (SIGTERM) and waits for it.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _newLine.Dispose();
    }
}
