using System.Diagnostics;

namespace Keelson.Simulator.Tests;

/// <summary>The real kubectl 1.30 (the simulated clusters' version), run against a test fleet's kubeconfig.</summary>
internal static class Kubectl
{
    private const string Program = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>kubectl --kubeconfig KUBECONFIG --context CONTEXT ARGS</c> and returns how it ended.</summary>
    /// <exception cref="TimeoutException">kubectl did not finish within two minutes; it is killed.</exception>
    public static async Task<KubectlResult> RunAsync(string kubeconfig, string context, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--context", context }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Deadline.TotalMinutes} minutes:\n{await output}\n{await error}");
        }

        return new KubectlResult(process.ExitCode, await output, await error);
    }
}
