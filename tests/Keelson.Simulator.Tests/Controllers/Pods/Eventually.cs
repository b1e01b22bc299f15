namespace Keelson.Simulator.Tests.Controllers.Pods;

/// <summary>Waits for the simulated cluster to reach a state, polling; never asserts on how long it took.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for what it returned, and returns that.</summary>
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task True(Func<Task<bool>> condition, string what) => Get(condition, ok => ok, what);
}
