namespace Keelson.Simulator.Tests;

/// <summary>How a kubectl command ended: its exit code, standard output and standard error.</summary>
internal sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
