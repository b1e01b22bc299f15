using Keelson.Kubernetes.Informers;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// A pod on a node as the scheduler's cache keeps it: only what later decisions need, so the
/// cache of a 100,000-pod cluster stays small and never re-reads pod JSON.
/// </summary>
/// <param name="Key">Namespace and name.</param>
/// <param name="Uid">The pod's uid (a recreated pod of the same name is another pod).</param>
/// <param name="Node">The node it is bound (or assumed) to.</param>
/// <param name="Labels">Its labels (shared with the stored object).</param>
/// <param name="Request">What it takes from the node.</param>
/// <param name="OwnerUid">Its controller's uid, for spreading siblings; null for bare pods.</param>
/// <param name="AntiAffinity">Its required anti-affinity terms, which repel later pods too; null when none.</param>
internal sealed record AssignedPod(
    ObjectKey Key,
    string Uid,
    string Node,
    IReadOnlyDictionary<string, string>? Labels,
    ResourceRequest Request,
    string? OwnerUid,
    AffinityTerm[]? AntiAffinity);
