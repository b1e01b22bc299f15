using System.Diagnostics;

namespace Keelson.Simulator.Tests.Controllers.Pods;

/// <summary>Runs the real kubectl 1.30 against a test fleet's kubeconfig.</summary>
internal static class Kubectl
{
    private const string Program = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";

    /// <summary>Runs kubectl with <paramref name="arguments"/> in context <c>c1</c>; returns its exit code and output (stdout then stderr).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string kubeconfig, params string[] arguments)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--kubeconfig", kubeconfig, "--context", "c1" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
