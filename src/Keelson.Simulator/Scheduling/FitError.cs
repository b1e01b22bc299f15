using System.Globalization;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// The message of a FailedScheduling event and of the PodScheduled=False condition, in the
/// shape kube-scheduler 1.30 writes: a histogram of filter reasons, then what preemption found
/// (the simulator runs no preemption: every pod has the same priority, so there are never victims).
/// </summary>
internal sealed class FitError
{
    /// <summary>Said when a cluster has no nodes at all.</summary>
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private int _resolvable;
    private int _unresolvable;

    /// <summary>Counts one rejected node.</summary>
    public void Add(NodeRejection rejection) => Add(rejection, 1);

    /// <summary>Counts <paramref name="nodes"/> nodes rejected for the same reasons.</summary>
    public void Add(NodeRejection rejection, int nodes)
    {
        foreach (var reason in rejection.Reasons)
        {
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + nodes;
        }

        if (rejection.Resolvable)
        {
            _resolvable += nodes;
        }
        else
        {
            _unresolvable += nodes;
        }
    }

    /// <summary>The message for a cluster of <paramref name="nodes"/> nodes, none of which fit.</summary>
    public string Message(int nodes)
    {
        if (nodes == 0)
        {
            return NoNodesAvailable;
        }

        var filters = Histogram(_reasons);
        var preemption = new Dictionary<string, int>(StringComparer.Ordinal);
        if (_resolvable > 0)
        {
            preemption["No preemption victims found for incoming pod"] = _resolvable;
        }

        if (_unresolvable > 0)
        {
            preemption["Preemption is not helpful for scheduling"] = _unresolvable;
        }

        var available = string.Create(CultureInfo.InvariantCulture, $"0/{nodes} nodes are available");
        return $"{available}: {filters}. preemption: {available}: {Histogram(preemption)}.";
    }

    private static string Histogram(Dictionary<string, int> counts) =>
        string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key}")).Order(StringComparer.Ordinal));
}
