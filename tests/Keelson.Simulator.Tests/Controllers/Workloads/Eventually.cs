namespace Keelson.Simulator.Tests.Controllers.Workloads;

/// <summary>Waits for what controllers do asynchronously, without asserting how long it takes.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds for its value; fails naming <paramref name="what"/> otherwise.</summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for {what}; last value: {Describe(last)}");
            }

            await Task.Delay(25);
        }
    }

    private static string Describe<T>(T value) => value is Kubernetes.Resources.KubernetesObject obj
        ? Kubernetes.Resources.KubernetesJson.Serialize<object>(obj)
        : value?.ToString() ?? "null";
}
