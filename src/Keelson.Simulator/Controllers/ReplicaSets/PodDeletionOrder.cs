namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>
/// The order in which kube-controller-manager 1.30 prefers pods for deletion when it scales
/// down (<c>ActivePodsWithRanks</c> with logarithmic scale-down): unassigned before assigned,
/// pending before unknown before running, not ready before ready, lower
/// <c>pod-deletion-cost</c> first, pods sharing their node with more related pods first,
/// then the most recently ready, the most restarted, and the newest — times compared on a
/// log₂ scale of their age, equal buckets ordered by uid.
/// </summary>
/// <param name="podsOnNode">Active related pods per node (kube's rank: pods of the same owner doubled up on a node).</param>
/// <param name="now">The reference time for the logarithmic comparisons.</param>
internal sealed class PodDeletionOrder(IReadOnlyDictionary<string, int> podsOnNode, DateTimeOffset now) : IComparer<PodSummary>
{
    /// <inheritdoc />
    public int Compare(PodSummary? x, PodSummary? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Before(x, y) ? -1 : Before(y, x) ? 1 : 0;
    }

    private bool Before(PodSummary a, PodSummary b)
    {
        if (a.NodeName != b.NodeName && (a.NodeName.Length == 0 || b.NodeName.Length == 0))
        {
            return a.NodeName.Length == 0;
        }

        if (PhaseOrdinal(a.Phase) != PhaseOrdinal(b.Phase))
        {
            return PhaseOrdinal(a.Phase) < PhaseOrdinal(b.Phase);
        }

        if (a.Ready != b.Ready)
        {
            return !a.Ready;
        }

        if (a.DeletionCost != b.DeletionCost)
        {
            return a.DeletionCost < b.DeletionCost;
        }

        var rankA = podsOnNode.GetValueOrDefault(a.NodeName);
        var rankB = podsOnNode.GetValueOrDefault(b.NodeName);
        if (rankA != rankB)
        {
            return rankA > rankB;
        }

        if (a.Ready && b.Ready && a.ReadySince != b.ReadySince)
        {
            return Newer(a, a.ReadySince, b, b.ReadySince);
        }

        if (a.MaxRestarts != b.MaxRestarts)
        {
            return a.MaxRestarts > b.MaxRestarts;
        }

        return a.Created != b.Created && Newer(a, a.Created, b, b.Created);
    }

    /// <summary>Whether <paramref name="timeA"/> is later (an unknown time counts as latest), in log₂ buckets of age.</summary>
    private bool Newer(PodSummary a, DateTimeOffset? timeA, PodSummary b, DateTimeOffset? timeB)
    {
        if (timeA is null || timeB is null)
        {
            return timeA is null;
        }

        var bucketA = Bucket(timeA.Value);
        var bucketB = Bucket(timeB.Value);
        return bucketA == bucketB ? string.CompareOrdinal(a.Uid, b.Uid) < 0 : bucketA < bucketB;
    }

    private long Bucket(DateTimeOffset time)
    {
        // kube takes log2 of the age in nanoseconds.
        var age = (now - time).Ticks * 100.0;
        return age > 0 ? (long)Math.Log2(age) : -1;
    }

    private static int PhaseOrdinal(string phase) => phase switch
    {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };
}
