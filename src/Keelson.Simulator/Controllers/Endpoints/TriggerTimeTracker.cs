using System.Collections.Concurrent;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Controllers.Pods;

namespace Keelson.Simulator.Controllers.Endpoints;

/// <summary>
/// kube's <c>TriggerTimeTracker</c>: the time of the earliest change (a pod's readiness flip, the
/// Service's creation) that the next Endpoints write publishes, for the
/// <c>endpoints.kubernetes.io/last-change-trigger-time</c> annotation.
/// </summary>
internal sealed class TriggerTimeTracker
{
    private readonly ConcurrentDictionary<ObjectKey, State> _states = new();

    /// <summary>
    /// The trigger time of a sync of <paramref name="service"/>: its creation the first time,
    /// later the earliest trigger time that changed since the last sync (null when none did).
    /// </summary>
    public DateTimeOffset? Compute(ObjectKey service, DateTimeOffset created, IReadOnlyList<PodFacts> pods)
    {
        var known = _states.TryGetValue(service, out var last);
        DateTimeOffset? earliest = null;
        var podTimes = new Dictionary<string, DateTimeOffset>(pods.Count, StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.ReadyChanged is not { } changed)
            {
                continue;
            }

            podTimes[pod.Name] = changed;
            if (last is null || !last.Pods.TryGetValue(pod.Name, out var before) || changed > before)
            {
                earliest = earliest is null || changed < earliest ? changed : earliest;
            }
        }

        if (last is null || created > last.Service)
        {
            earliest = earliest is null || created < earliest ? created : earliest;
        }

        _states[service] = new State(podTimes, created);
        return known ? earliest : created;
    }

    /// <summary>Forgets a deleted service.</summary>
    public void Forget(ObjectKey service) => _states.TryRemove(service, out _);

    private sealed record State(Dictionary<string, DateTimeOffset> Pods, DateTimeOffset Service);
}
