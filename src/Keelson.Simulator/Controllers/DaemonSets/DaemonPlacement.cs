using System.Text.Json.Nodes;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>
/// Which nodes a DaemonSet's pods belong on, as kube's <c>NodeShouldRunDaemonPod</c> decides:
/// the template's <c>nodeName</c>, <c>nodeSelector</c> and required node affinity must admit the
/// node, and no NoSchedule or NoExecute taint may go untolerated (with the daemon tolerations);
/// a pod already there may stay while only NoSchedule taints are untolerated.
/// </summary>
internal sealed class DaemonPlacement
{
    private readonly string? _nodeName;
    private readonly Dictionary<string, string> _nodeSelector;
    private readonly List<List<NodeRequirement>>? _terms;
    private readonly List<PodToleration> _tolerations;

    /// <summary>Reads the placement rules of a pod spec that already carries the daemon tolerations.</summary>
    public DaemonPlacement(JsonObject spec)
    {
        _nodeName = spec["nodeName"]?.GetValue<string>() is { Length: > 0 } name ? name : null;
        _nodeSelector = (spec["nodeSelector"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        if (spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"] is JsonObject required)
        {
            _terms = [.. (required["nodeSelectorTerms"] as JsonArray ?? []).OfType<JsonObject>().Select(Term)];
        }

        _tolerations = [.. (spec["tolerations"] as JsonArray ?? []).OfType<JsonObject>().Select(t => new PodToleration(
            t["key"]?.GetValue<string>() ?? "",
            t["operator"]?.GetValue<string>() ?? "",
            t["value"]?.GetValue<string>() ?? "",
            t["effect"]?.GetValue<string>() ?? ""))];
    }

    /// <summary>Whether a daemon pod should run on <paramref name="node"/>, and whether one already there may stay.</summary>
    public (bool ShouldRun, bool ShouldContinueRunning) Evaluate(NodeFacts node)
    {
        if ((_nodeName is not null && _nodeName != node.Name) || !FitsAffinity(node))
        {
            return (false, false);
        }

        var untoleratedNoSchedule = false;
        foreach (var taint in node.Taints)
        {
            if (taint.Effect is "NoSchedule" or "NoExecute" && !Tolerated(taint))
            {
                if (taint.Effect == "NoExecute")
                {
                    return (false, false);
                }

                untoleratedNoSchedule = true;
            }
        }

        // A pod already on the node may stay as long as only NoSchedule taints are untolerated.
        return untoleratedNoSchedule ? (false, true) : (true, true);
    }

    private bool FitsAffinity(NodeFacts node)
    {
        foreach (var (key, value) in _nodeSelector)
        {
            if (!node.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        // Terms are alternatives; a term must hold all its requirements, and an empty term holds for no node.
        if (_terms is null)
        {
            return true;
        }

        foreach (var term in _terms)
        {
            if (term.Count > 0 && term.TrueForAll(r => r.Matches(node)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Tolerated(NodeTaint taint)
    {
        foreach (var toleration in _tolerations)
        {
            if (toleration.Tolerates(taint))
            {
                return true;
            }
        }

        return false;
    }

    private static List<NodeRequirement> Term(JsonObject term)
    {
        static IEnumerable<NodeRequirement> Read(JsonNode? list, bool onField) =>
            (list as JsonArray ?? []).OfType<JsonObject>().Select(r => new NodeRequirement(
                r["key"]?.GetValue<string>() ?? "",
                r["operator"]?.GetValue<string>() ?? "",
                [.. (r["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? "")],
                onField));
        return [.. Read(term["matchExpressions"], onField: false), .. Read(term["matchFields"], onField: true)];
    }
}
