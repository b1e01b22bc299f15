namespace Keelson.Simulator.Scenarios;

/// <summary>
/// How much CPU and memory each pod of a workload uses over time, for metrics.k8s.io and for
/// OOM kills: a baseline, a daily wave, noise and rare spikes, deterministic from the seed.
/// </summary>
public sealed class UsageProfile
{
    /// <summary>Baseline CPU per pod, a quantity such as <c>50m</c>.</summary>
    public string Cpu { get; set; } = "10m";

    /// <summary>Baseline memory per pod, a quantity such as <c>100Mi</c>.</summary>
    public string Memory { get; set; } = "32Mi";

    /// <summary>Amplitude of the daily wave as a fraction of the baseline (0.3 = ±30 %, peak mid-afternoon).</summary>
    public double DailyWave { get; set; } = 0.2;

    /// <summary>Random noise as a fraction of the baseline.</summary>
    public double Noise { get; set; } = 0.05;

    /// <summary>Chance per minute of a spike to three times the baseline CPU.</summary>
    public double Spikes { get; set; }

    /// <summary>Memory added per hour of a container's life (a leak), e.g. <c>20Mi</c>; empty for none.</summary>
    public string? LeakPerHour { get; set; }
}
