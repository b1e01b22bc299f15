namespace Keelson.Core.Fleet;

/// <summary>Settings of the live fleet view (configuration section <c>Fleet</c>).</summary>
public sealed record FleetOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Fleet";

    /// <summary>
    /// How often the cluster list is re-read from the database, so clusters another replica
    /// added, removed or re-credentialed are followed. Default 10 seconds.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each cluster's API is probed (a timed <c>GET</c> of the <c>default</c> namespace). Default 10 seconds.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far back events count as recent. Default 1 hour (kube-apiserver's event TTL).</summary>
    public TimeSpan EventWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest wait between attempts to list or watch a failing cluster; it recovers at most this long after the cluster does. Default 30 seconds.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every setting that is out of range, each naming its key and the accepted values; empty when all are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(TimeSpan value, string key, TimeSpan min, TimeSpan max)
        {
            if (value < min || value > max)
            {
                problems.Add($"{Section}:{key} is {value}; it must be between {min} and {max}");
            }
        }

        Check(ReconcileInterval, nameof(ReconcileInterval), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(ProbeInterval, nameof(ProbeInterval), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(EventWindow, nameof(EventWindow), TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Check(MaxBackoff, nameof(MaxBackoff), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        return problems;
    }
}
