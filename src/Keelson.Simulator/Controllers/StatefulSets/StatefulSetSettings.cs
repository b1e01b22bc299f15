using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.StatefulSets;

/// <summary>A StatefulSet's spec with kube's defaults applied where fields are unset.</summary>
/// <param name="Replicas">Desired pods (default 1).</param>
/// <param name="StartOrdinal">The first ordinal (<c>spec.ordinals.start</c>, default 0).</param>
/// <param name="Parallel">Whether <c>podManagementPolicy</c> is <c>Parallel</c> (default <c>OrderedReady</c>).</param>
/// <param name="RollingUpdate">Whether <c>updateStrategy.type</c> is <c>RollingUpdate</c> (the default).</param>
/// <param name="OnDelete">Whether <c>updateStrategy.type</c> is <c>OnDelete</c>.</param>
/// <param name="Partition">Ordinals below it stay at the current revision (default 0).</param>
/// <param name="MinReadySeconds">How long a pod must be ready to count as available (default 0).</param>
/// <param name="RevisionHistoryLimit">Unused revisions kept (default 10).</param>
/// <param name="ServiceName">The governing (headless) service, the pods' subdomain.</param>
/// <param name="ClaimTemplates">The names of the volume claim templates.</param>
internal sealed record StatefulSetSettings(
    int Replicas,
    int StartOrdinal,
    bool Parallel,
    bool RollingUpdate,
    bool OnDelete,
    int Partition,
    int MinReadySeconds,
    int RevisionHistoryLimit,
    string ServiceName,
    IReadOnlyList<string> ClaimTemplates)
{
    public static StatefulSetSettings Of(StatefulSet set)
    {
        var spec = set.Spec ?? new StatefulSetSpec();
        var strategy = spec.UpdateStrategy?.Type ?? "RollingUpdate";
        return new StatefulSetSettings(
            Math.Max(0, spec.Replicas ?? 1),
            Math.Max(0, spec.Ordinals?.Start ?? 0),
            spec.PodManagementPolicy == "Parallel",
            strategy == "RollingUpdate",
            strategy == "OnDelete",
            Math.Max(0, spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0),
            Math.Max(0, spec.MinReadySeconds ?? 0),
            Math.Max(0, spec.RevisionHistoryLimit ?? 10),
            spec.ServiceName ?? "",
            [.. (spec.VolumeClaimTemplates ?? []).Select(t => t.Metadata.Name).OfType<string>()]);
    }
}
