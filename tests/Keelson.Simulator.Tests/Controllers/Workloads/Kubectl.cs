using System.Diagnostics;

namespace Keelson.Simulator.Tests.Controllers.Workloads;

/// <summary>Runs the real kubectl 1.30 against a simulated cluster through the kubeconfig the simulator wrote.</summary>
internal static class Kubectl
{
    private const string Path = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";

    /// <summary>Runs <c>kubectl --context c1 ARGS</c>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--context", "c1" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A fresh path for a kubeconfig in a temporary directory.</summary>
    public static string NewKubeconfigPath() =>
        System.IO.Path.Combine(Directory.CreateTempSubdirectory("keelson-kubectl-").FullName, "kubeconfig");
}
