using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests;

/// <summary>
/// Waits for what a simulated cluster does asynchronously by polling what a user would read, with a
/// deadline generous enough for a busy machine; never asserts how long anything took.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its value, and returns that value.</summary>
    /// <exception cref="TimeoutException">The deadline passed; the message names <paramref name="what"/> and the last value seen.</exception>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for {what}; last seen: {Describe(last)}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task True(Func<Task<bool>> condition, string what) => Until(condition, ok => ok, what);

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        KubernetesObject obj => KubernetesJson.Serialize<object>(obj),
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };
}
