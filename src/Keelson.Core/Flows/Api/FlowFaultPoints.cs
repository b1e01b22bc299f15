using System.Diagnostics;
using System.Globalization;
using Keelson.Core.Flows.Engine;

namespace Keelson.Core.Flows.Api;

/// <summary>
/// A test-only fault point: with <c>KEELSON_TEST_FLOW_CRASH_AT=POINT:N</c> the process kills itself
/// (SIGKILL, as <c>kill -9</c>: no clean-up, no lease released) the Nth time its flow engine reaches
/// POINT — <c>intent.before</c>, <c>intent.recorded</c> (the intent is committed, the action not yet
/// taken), <c>action.taken</c> (taken, not yet recorded as done) or <c>intent.done</c>. End-to-end tests
/// use it to prove each action happens once across crashes at exactly those instants.
/// </summary>
public static class FlowFaultPoints
{
    /// <summary>The environment variable read.</summary>
    public const string Variable = "KEELSON_TEST_FLOW_CRASH_AT";

    /// <summary>Installs the fault point named by the environment, if any; call before the engine starts.</summary>
    /// <exception cref="ArgumentException">The variable is set but is not <c>POINT:N</c>.</exception>
    public static void InstallFromEnvironment(FlowEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } spec)
        {
            return;
        }

        var colon = spec.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(spec.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth < 1)
        {
            throw new ArgumentException($"{Variable}=\"{spec}\" is not POINT:N, e.g. action.taken:2");
        }

        var point = spec[..colon];
        var seen = 0;
        engine.Checkpoint = (reached, _) =>
        {
            if (reached == point && Interlocked.Increment(ref seen) == nth)
            {
                Console.Error.WriteLine($"{Variable}: killing the process at {point} #{nth}");
                Process.GetCurrentProcess().Kill();
            }

            return Task.CompletedTask;
        };
    }
}
