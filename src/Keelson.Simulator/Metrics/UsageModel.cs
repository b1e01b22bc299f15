using System.Collections.Concurrent;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Metrics;

/// <summary>
/// How much CPU and memory a running container uses at a moment, from its workload's
/// <see cref="UsageProfile"/>: CPU follows the baseline with a daily wave (peak at 15:00 on the
/// simulation clock), noise that changes every 10 s and rare three-fold spikes per minute;
/// memory is the baseline with a fixed per-container offset plus the leak times the container's
/// age. A pod's profile is shared evenly by its regular containers. Everything is derived from
/// the scenario seed and the pod's uid, so the same scenario reports the same numbers.
/// </summary>
internal sealed class UsageModel
{
    private static readonly TimeSpan NoiseBucket = TimeSpan.FromSeconds(10);

    private readonly int _seed;
    private readonly ConcurrentDictionary<UsageProfile, Parsed> _parsed = new(ReferenceEqualityComparer.Instance);

    public UsageModel(int seed) => _seed = seed;

    /// <summary>CPU in nanocores of container <paramref name="container"/> (one of <paramref name="share"/>) of pod <paramref name="podUid"/>.</summary>
    public long NanoCpu(UsageProfile profile, string podUid, string container, int share, DateTimeOffset at)
    {
        var parsed = Parse(profile);
        var key = podUid + "/" + container;
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        var wave = profile.DailyWave * Math.Sin(2 * Math.PI * (hour - 9) / 24);
        var noise = profile.Noise * ((2 * StableHash.Unit(_seed, key, at.UtcTicks / NoiseBucket.Ticks)) - 1);
        var spike = StableHash.Unit(_seed, key + "#spike", at.UtcTicks / TimeSpan.TicksPerMinute) < profile.Spikes ? 3 : 1;
        var value = parsed.MilliCpu * 1_000_000.0 / Math.Max(1, share) * (1 + wave + noise) * spike;
        return Math.Max(0, (long)value);
    }

    /// <summary>Memory in bytes of a container that has run for <paramref name="age"/>.</summary>
    public long MemoryBytes(UsageProfile profile, string podUid, string container, int share, TimeSpan age)
    {
        var parsed = Parse(profile);
        var offset = profile.Noise * ((2 * StableHash.Unit(_seed, podUid + "/" + container + "#memory")) - 1);
        var baseline = parsed.Memory / (double)Math.Max(1, share) * (1 + offset);
        var leak = parsed.LeakPerHour / (double)Math.Max(1, share) * Math.Max(0, age.TotalHours);
        return Math.Max(0, (long)(baseline + leak));
    }

    /// <summary>How long after its start a container's memory passes <paramref name="limit"/> (zero: at once), or null when it never does.</summary>
    public TimeSpan? TimeToExceed(UsageProfile profile, string podUid, string container, int share, long limit)
    {
        var start = MemoryBytes(profile, podUid, container, share, TimeSpan.Zero);
        if (start > limit)
        {
            return TimeSpan.Zero;
        }

        var perHour = Parse(profile).LeakPerHour / (double)Math.Max(1, share);
        return perHour <= 0 ? null : TimeSpan.FromHours((limit - start + 1) / perHour);
    }

    private Parsed Parse(UsageProfile profile) => _parsed.GetOrAdd(profile, p => new Parsed(
        Quantity.TryParse(p.Cpu, out var cpu) ? cpu.MilliValue() : 0,
        Quantity.TryParse(p.Memory, out var memory) ? memory.Value() : 0,
        Quantity.TryParse(p.LeakPerHour, out var leak) ? leak.Value() : 0));

    private sealed record Parsed(long MilliCpu, long Memory, long LeakPerHour);
}
