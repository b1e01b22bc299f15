namespace Keelson.Cli;

/// <summary>A command failed in a way the user can act on; the message says what to do, the code is the exit code.</summary>
/// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="message">What went wrong and what to do.</param>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
