using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// A pod's <c>topologySpreadConstraints</c> entry with <c>whenUnsatisfiable: DoNotSchedule</c>:
/// the matching pods of its namespace may differ by at most <see cref="MaxSkew"/> between the
/// topology domains of the nodes the pod may use (kube's defaults: node affinity honoured,
/// taints ignored). <c>matchLabelKeys</c> add the pod's own values of those labels to the selector.
/// </summary>
/// <param name="TopologyKey">The node label defining a domain.</param>
/// <param name="MaxSkew">The largest allowed difference.</param>
/// <param name="MinDomains">Domains assumed to exist; fewer eligible ones count as holding no pods.</param>
/// <param name="Selector">Which pods count.</param>
internal sealed record SpreadConstraint(string TopologyKey, int MaxSkew, int MinDomains, LabelMatcher Selector)
{
    /// <summary>The hard constraints of a pod, or null when it has none.</summary>
    public static SpreadConstraint[]? Required(PodSpec spec, IReadOnlyDictionary<string, string>? labels)
    {
        var hard = (spec.TopologySpreadConstraints ?? []).Where(c => c.WhenUnsatisfiable is null or "DoNotSchedule").ToList();
        if (hard.Count == 0)
        {
            return null;
        }

        return [.. hard.Select(c =>
        {
            var selector = c.LabelSelector ?? new LabelSelector();
            if (c.MatchLabelKeys is { Count: > 0 } keys && labels is not null)
            {
                selector = new LabelSelector
                {
                    MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? []),
                    MatchExpressions = selector.MatchExpressions,
                };
                foreach (var key in keys.Where(labels.ContainsKey))
                {
                    selector.MatchLabels[key] = labels[key];
                }
            }

            LabelMatcher matcher;
            try
            {
                matcher = c.LabelSelector is null ? LabelMatcher.Nothing : LabelMatcher.FromSelector(selector);
            }
            catch (ArgumentException)
            {
                matcher = LabelMatcher.Nothing;
            }

            return new SpreadConstraint(c.TopologyKey ?? "", Math.Max(1, c.MaxSkew ?? 1), Math.Max(1, c.MinDomains ?? 1), matcher);
        })];
    }
}
