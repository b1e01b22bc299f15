using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>A DaemonSet's spec with kube's defaults applied where fields are unset.</summary>
/// <param name="RollingUpdate">Whether <c>updateStrategy.type</c> is <c>RollingUpdate</c> (the default) rather than <c>OnDelete</c>.</param>
/// <param name="MaxUnavailable">Nodes whose daemon pod may be unavailable during an update (default 1).</param>
/// <param name="MaxSurge">Nodes that may run an extra, updated pod during an update (default 0).</param>
/// <param name="MinReadySeconds">How long a pod must be ready to count as available (default 0).</param>
/// <param name="RevisionHistoryLimit">Unused revisions kept (default 10).</param>
internal sealed record DaemonSetSettings(bool RollingUpdate, IntOrString MaxUnavailable, IntOrString MaxSurge, int MinReadySeconds, int RevisionHistoryLimit)
{
    public static DaemonSetSettings Of(DaemonSet set)
    {
        var spec = set.Spec ?? new DaemonSetSpec();
        var rolling = spec.UpdateStrategy?.Type is null or "RollingUpdate";
        return new DaemonSetSettings(
            rolling,
            spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable ?? 1,
            spec.UpdateStrategy?.RollingUpdate?.MaxSurge ?? 0,
            Math.Max(0, spec.MinReadySeconds ?? 0),
            Math.Max(0, spec.RevisionHistoryLimit ?? 10));
    }

    /// <summary>kube's <c>SurgeCount</c>: the surge for <paramref name="desired"/> nodes, rounded up.</summary>
    public int Surge(int desired) => RollingUpdate ? MaxSurge.ScaledValue(desired, roundUp: true) : 0;

    /// <summary>kube's <c>UnavailableCount</c>: the unavailability for <paramref name="desired"/> nodes, rounded up.</summary>
    public int Unavailable(int desired) => RollingUpdate ? MaxUnavailable.ScaledValue(desired, roundUp: true) : 0;
}
