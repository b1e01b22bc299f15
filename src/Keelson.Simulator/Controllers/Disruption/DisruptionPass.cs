using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Disruption;

/// <summary>
/// One sync of a PodDisruptionBudget, as kube's <c>DisruptionController.trySync</c>: count the
/// pods it selects, work out how many must stay healthy, and write the status — atomically with
/// the eviction subresource, which charges the same status.
/// </summary>
internal sealed class DisruptionPass
{
    private readonly DisruptionController _controller;
    private readonly SimulationContext _cluster;
    private readonly StoredObject _stored;
    private readonly PodDisruptionBudget _budget;
    private readonly string _namespace;
    private readonly DateTimeOffset _now;
    private readonly TimeSpan _deletionTimeout;

    public DisruptionPass(DisruptionController controller, StoredObject stored)
    {
        _controller = controller;
        _cluster = controller.Context;
        _stored = stored;
        _budget = TypedObjects.Read<PodDisruptionBudget>(stored);
        _namespace = stored.Key.Namespace;
        _now = _cluster.Time.GetUtcNow();
        _deletionTimeout = _cluster.Timing.DisruptionDeletionTimeout;
    }

    private InvolvedObject Involved => new("PodDisruptionBudget", "policy/v1", _namespace, _stored.Key.Name, _stored.Uid);

    /// <summary>Runs the sync; returns when to look again because a disruptedPods entry expires.</summary>
    public TimeSpan? Run()
    {
        List<PodFacts> pods;
        int expected, desired;
        try
        {
            var selector = Kubernetes.Selectors.LabelMatcher.FromSelector(_budget.Spec?.Selector);
            pods = _controller.Pods.Select(_namespace, selector);
            if (pods.Count == 0)
            {
                _cluster.Events.Record(Involved, "Normal", "NoPods", "No matching pods found", DisruptionController.Component);
            }

            (expected, desired) = ExpectedPods(pods);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            var reason = e is ArgumentException ? "NoPods" : "CalculateExpectedPodCountFailed";
            var message = e is ArgumentException ? $"Failed to get pods: {e.Message}" : $"Failed to calculate the number of expected pods: {e.Message}";
            _cluster.Events.Record(Involved, "Warning", reason, message, DisruptionController.Component);
            FailSafe(e.Message);
            throw;
        }

        DateTimeOffset? recheck = null;
        var notDeleted = new List<PodFacts>();
        _cluster.Registry.Mutate(_cluster.Kinds.PodDisruptionBudget, _namespace, _stored.Key.Name, _controller.Name, obj =>
        {
            // Computed inside the write: an eviction that charged the budget meanwhile is never lost.
            if (obj["metadata"]?["uid"]?.GetValue<string>() != _stored.Uid)
            {
                return false;
            }

            var status = obj["status"] as JsonObject ?? [];
            var disrupted = Disrupted(pods, status["disruptedPods"] as JsonObject, notDeleted, out recheck);
            var healthy = pods.Count(p => !p.Terminating && !disrupted.ContainsKey(p.Name) && p.Ready);
            var allowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired);
            var generation = obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            var updated = BudgetStatus(status, generation, disrupted, allowed, healthy, desired, expected);
            if (JsonNode.DeepEquals(obj["status"], updated))
            {
                return false;
            }

            obj["status"] = updated;
            return true;
        });

        foreach (var pod in notDeleted)
        {
            _cluster.Events.Record(
                new InvolvedObject("Pod", "v1", _namespace, pod.Name, pod.Uid),
                "Warning",
                "NotDeleted",
                $"Pod was expected by PDB {_namespace}/{_namespace} to be deleted but it wasn't", // sic: kube names the namespace twice
                DisruptionController.Component);
        }

        return recheck is { } at ? at - _now : null;
    }

    /// <summary>kube's <c>getExpectedPodCount</c>: how many pods there should be, and how many must be healthy.</summary>
    private (int Expected, int Desired) ExpectedPods(List<PodFacts> pods)
    {
        var spec = _budget.Spec ?? new PodDisruptionBudgetSpec();
        if (spec.MaxUnavailable is { } maxUnavailable)
        {
            var expected = ExpectedScale(pods);
            return (expected, Math.Max(0, expected - maxUnavailable.ScaledValue(expected, roundUp: true)));
        }

        if (spec.MinAvailable is { IsInt: true } minimum)
        {
            return (pods.Count, minimum.IntValue!.Value);
        }

        if (spec.MinAvailable is { } percentage)
        {
            var expected = ExpectedScale(pods);
            return (expected, percentage.ScaledValue(expected, roundUp: true));
        }

        return (0, 0);
    }

    /// <summary>kube's <c>getExpectedScale</c>: the sum of the scales of the pods' controllers (bare pods count for nothing).</summary>
    private int ExpectedScale(List<PodFacts> pods)
    {
        var scales = new Dictionary<string, int>(StringComparer.Ordinal);
        var unmanaged = new List<string>();
        var finder = new ControllerScale(_cluster, _namespace);
        foreach (var pod in pods)
        {
            if (pod.Controller is not { } reference)
            {
                unmanaged.Add(pod.Name);
                continue;
            }

            if (scales.ContainsKey(reference.Uid))
            {
                continue;
            }

            var (uid, replicas) = finder.Of(reference) ?? throw new InvalidOperationException($"found no controllers for pod \"{pod.Name}\"");
            scales[uid] = replicas;
        }

        if (unmanaged.Count > 0)
        {
            _cluster.Events.Record(Involved, "Warning", "UnmanagedPods",
                $"Pods selected by this PodDisruptionBudget (selector: {GoSelectorText.Of(_budget.Spec?.Selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value.",
                DisruptionController.Component);
        }

        return scales.Values.Sum();
    }

    /// <summary>
    /// kube's <c>buildDisruptedPodMap</c>: the entries of pods that exist and are not yet being
    /// deleted, until the deletion timeout; expired ones are reported.
    /// </summary>
    private Dictionary<string, DateTimeOffset> Disrupted(List<PodFacts> pods, JsonObject? recorded, List<PodFacts> notDeleted, out DateTimeOffset? recheck)
    {
        recheck = null;
        notDeleted.Clear();
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (recorded is null)
        {
            return result;
        }

        foreach (var pod in pods)
        {
            if (pod.Terminating || recorded[pod.Name]?.GetValue<string>() is not { } text ||
                !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                continue;
            }

            var expectedDeletion = since + _deletionTimeout;
            if (expectedDeletion < _now)
            {
                notDeleted.Add(pod);
                continue;
            }

            result[pod.Name] = since;
            if (recheck is null || expectedDeletion < recheck)
            {
                recheck = expectedDeletion.AddTicks(1); // the entry expires once the timeout has strictly passed
            }
        }

        return result;
    }

    /// <summary>The status as kube writes it (Go's field order), with the DisruptionAllowed condition brought up to date.</summary>
    private JsonObject BudgetStatus(JsonObject current, long generation, Dictionary<string, DateTimeOffset> disrupted, int allowed, int healthy, int desired, int expected)
    {
        var status = new JsonObject();
        if (generation != 0)
        {
            status["observedGeneration"] = generation;
        }

        if (disrupted.Count > 0)
        {
            status["disruptedPods"] = new JsonObject(disrupted.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => KeyValuePair.Create(d.Key, (JsonNode?)ObjectRegistry.TimeText(d.Value))));
        }

        status["disruptionsAllowed"] = allowed;
        status["currentHealthy"] = healthy;
        status["desiredHealthy"] = desired;
        status["expectedPods"] = expected;
        status["conditions"] = DisruptionCondition.Set(current["conditions"] as JsonArray, allowed > 0, generation, _now);
        return status;
    }

    /// <summary>kube's <c>failSafe</c>: whatever went wrong, allow no disruption and say why.</summary>
    private void FailSafe(string message)
    {
        _cluster.Registry.Mutate(_cluster.Kinds.PodDisruptionBudget, _namespace, _stored.Key.Name, _controller.Name, obj =>
        {
            var status = obj["status"] as JsonObject ?? [];
            var observed = status["observedGeneration"]?.GetValue<long>() ?? 0;
            status["disruptionsAllowed"] = 0;
            status["conditions"] = DisruptionCondition.SetFailed(status["conditions"] as JsonArray, message, observed, _now);
            obj["status"] = status;
            return true;
        });
    }
}
