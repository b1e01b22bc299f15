using System.Diagnostics;
using System.Text;

namespace Keelson.Tests;

/// <summary>Runs real programs — the keelson executable, kubectl, python — as a user would.</summary>
internal static class Programs
{
    /// <summary>The keelson executable built beside the tests.</summary>
    public static string Keelson => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "keelson.exe" : "keelson");

    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> args, string? stdin = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = new Process { StartInfo = StartInfo(program, args, environment) };
        process.StartInfo.RedirectStandardInput = true;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
        }

        process.WaitForExit(); // flushes the asynchronous readers
        return new CommandResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Tests must not read or write the developer's own Keelson and kubectl settings.
        info.Environment["KEELSON_CONFIG"] = Path.Combine(Path.GetTempPath(), $"keelson-test-config-{Environment.ProcessId}");
        info.Environment.Remove("KUBECONFIG");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }
}
