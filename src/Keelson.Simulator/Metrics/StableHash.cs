namespace Keelson.Simulator.Metrics;

/// <summary>
/// A hash that is the same in every process (string.GetHashCode is randomized per process), so
/// usage noise, log lines, image sizes and container ids replay identically from a scenario's seed.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>FNV-1a over the parts, finished with a 64-bit mix.</summary>
    public static ulong Of(long seed, string text, long salt = 0)
    {
        var hash = Offset;
        hash = Mix(hash, (ulong)seed);
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return Finish(Mix(hash, (ulong)salt));
    }

    /// <summary>A number in [0, 1) from the same inputs.</summary>
    public static double Unit(long seed, string text, long salt = 0) => (Of(seed, text, salt) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ ((value >> (i * 8)) & 0xFF)) * Prime;
        }

        return hash;
    }

    private static ulong Finish(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccd;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53;
        return x ^ (x >> 33);
    }
}
