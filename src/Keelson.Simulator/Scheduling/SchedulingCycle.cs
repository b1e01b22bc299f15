namespace Keelson.Simulator.Scheduling;

/// <summary>
/// One scheduling attempt for one pod, as kube-scheduler's default profile runs it: pre-compute
/// what pod (anti-)affinity needs, filter nodes (NodeUnschedulable, TaintToleration,
/// NodeAffinity, NodeResourcesFit, PodTopologySpread (DoNotSchedule), InterPodAffinity — the
/// first failing filter decides a node's reason), stop after enough feasible nodes
/// (percentageOfNodesToScore), score them (NodeResourcesFit least-allocated ×1,
/// BalancedAllocation ×1, NodeAffinity ×2, kube's default spreading of a controller's pods ×2
/// unless the pod declares its own, TaintToleration ×3) and take the best. ScheduleAnyway
/// constraints a pod declares are not scored.
/// </summary>
internal sealed class SchedulingCycle
{
    private const int MaxNodeScore = 100;
    private const string AffinityMismatch = "node(s) didn't match Pod's node affinity/selector";

    private static readonly Kubernetes.Resources.Taint UnschedulableTaint = new() { Key = Tolerations.UnschedulableTaintKey, Effect = "NoSchedule" };

    private readonly PodRequest _pod;
    private readonly SchedulerCache _cache;
    private readonly Random _random;

    // Pod affinity: per term, the pods it matches by topology value; anti-affinity: the values holding such pods.
    private readonly Dictionary<string, int>[]? _affinityCounts;
    private readonly bool _affinityMatchesNothing;
    private readonly bool _podMatchesOwnAffinity;
    private readonly HashSet<string>[]? _antiAffinityDomains;

    // Existing pods' anti-affinity: (topology key, value) pairs this pod must keep out of.
    private readonly HashSet<(string Key, string Value)> _repelled = [];

    // Hard spread constraints: matching pods per domain of the nodes the pod may use, and the least of them.
    private readonly (Dictionary<string, int> Counts, int Min, int Self)[]? _spread;

    private SchedulingCycle(PodRequest pod, SchedulerCache cache, Random random)
    {
        _pod = pod;
        _cache = cache;
        _random = random;
        if (pod.Affinity is { } affinity)
        {
            _affinityCounts = Domains(affinity, (term, node, counts) => counts[node] = counts.GetValueOrDefault(node) + 1);
            _affinityMatchesNothing = _affinityCounts.All(c => c.Count == 0);
            _podMatchesOwnAffinity = affinity.All(t => t.Matches(pod.Key.Namespace, pod.Labels));
        }

        if (pod.AntiAffinity is { } antiAffinity)
        {
            _antiAffinityDomains = [.. Domains(antiAffinity, (term, value, counts) => counts[value] = 1).Select(c => c.Keys.ToHashSet(StringComparer.Ordinal))];
        }

        if (pod.Spread is { } spread)
        {
            _spread = [.. spread.Select(SpreadCounts)];
        }

        foreach (var existing in cache.AntiAffinityPods)
        {
            if (cache.Node(existing.Node) is not { } node)
            {
                continue;
            }

            foreach (var term in existing.AntiAffinity!)
            {
                if (term.Matches(pod.Key.Namespace, pod.Labels) && node.Labels.TryGetValue(term.TopologyKey, out var value))
                {
                    _repelled.Add((term.TopologyKey, value));
                }
            }
        }
    }

    /// <summary>Runs the attempt; under the scheduler's lock, with the cache as it is now.</summary>
    /// <returns>The chosen node, or null with <paramref name="error"/> saying why none fits.</returns>
    public static NodeInfo? Run(PodRequest pod, SchedulerCache cache, Random random, out FitError? error)
    {
        var cycle = new SchedulingCycle(pod, cache, random);
        return cycle.Choose(out error);
    }

    /// <summary>How many feasible nodes to look for before scoring (kube's adaptive percentageOfNodesToScore).</summary>
    internal static int FeasibleNodesToFind(int nodes)
    {
        if (nodes < 100)
        {
            return nodes;
        }

        var percentage = Math.Max(5, 50 - (nodes / 125));
        return Math.Max(100, nodes * percentage / 100);
    }

    private NodeInfo? Choose(out FitError? error)
    {
        var nodes = _cache.Nodes;
        var feasible = new List<NodeInfo>();
        var failures = new FitError();
        if (_pod.RequiredNodeTerms is { } terms && NodeSelectorMatcher.PinnedNodeNames(terms) is { } pinned)
        {
            // A pod pinned by name (DaemonSet) is only tried on those nodes, as kube's NodeAffinity PreFilter does.
            var candidates = pinned.Select(_cache.Node).OfType<NodeInfo>().ToList();
            if (nodes.Count > candidates.Count)
            {
                failures.Add(NodeRejection.Unresolvable(AffinityMismatch), nodes.Count - candidates.Count);
            }

            foreach (var node in candidates)
            {
                Consider(node, feasible, failures);
            }
        }
        else
        {
            var wanted = FeasibleNodesToFind(nodes.Count);
            var start = nodes.Count == 0 ? 0 : _cache.NextStart % nodes.Count;
            var processed = 0;
            for (; processed < nodes.Count && feasible.Count < wanted; processed++)
            {
                Consider(nodes[(start + processed) % nodes.Count], feasible, failures);
            }

            _cache.NextStart = nodes.Count == 0 ? 0 : (start + processed) % nodes.Count;
        }

        if (feasible.Count == 0)
        {
            error = failures;
            return null;
        }

        error = null;
        return feasible.Count == 1 ? feasible[0] : Best(feasible);
    }

    private void Consider(NodeInfo node, List<NodeInfo> feasible, FitError failures)
    {
        if (Filter(node) is { } rejection)
        {
            failures.Add(rejection);
        }
        else
        {
            feasible.Add(node);
        }
    }

    private NodeRejection? Filter(NodeInfo node)
    {
        if (node.Unschedulable && !_pod.Tolerations.Any(t => Tolerations.Tolerates(t, UnschedulableTaint)))
        {
            return NodeRejection.Unresolvable("node(s) were unschedulable");
        }

        if (Tolerations.FirstUntolerated(node.Taints, _pod.Tolerations, "NoSchedule", "NoExecute") is { } taint)
        {
            return NodeRejection.Unresolvable($"node(s) had untolerated taint {Tolerations.Describe(taint)}");
        }

        if (!NodeSelectorMatcher.MatchesSelector(_pod.NodeSelector, node.Labels) ||
            (_pod.RequiredNodeTerms is { } terms && !NodeSelectorMatcher.MatchesAnyTerm(terms, node.Name, node.Labels)))
        {
            return NodeRejection.Unresolvable(AffinityMismatch);
        }

        if (Fit(node) is { } insufficient)
        {
            return insufficient;
        }

        if (_spread is not null && Spread(node) is { } skewed)
        {
            return skewed;
        }

        return InterPodAffinity(node);
    }

    private NodeRejection? Spread(NodeInfo node)
    {
        for (var i = 0; i < _spread!.Length; i++)
        {
            var constraint = _pod.Spread![i];
            if (!node.Labels.TryGetValue(constraint.TopologyKey, out var domain))
            {
                return NodeRejection.Unresolvable("node(s) didn't match pod topology spread constraints (missing required label)");
            }

            var (counts, min, self) = _spread[i];
            if (counts.GetValueOrDefault(domain) + self - min > constraint.MaxSkew)
            {
                return NodeRejection.Curable("node(s) didn't match pod topology spread constraints");
            }
        }

        return null;
    }

    /// <summary>Matching pods per domain over the nodes the pod's node selector and affinity allow (kube's nodeAffinityPolicy Honor).</summary>
    private (Dictionary<string, int> Counts, int Min, int Self) SpreadCounts(SpreadConstraint constraint)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in _cache.Nodes)
        {
            if (node.Labels.TryGetValue(constraint.TopologyKey, out var domain) && Allowed(node))
            {
                counts.TryAdd(domain, 0);
            }
        }

        foreach (var pod in _cache.PodsIn(_pod.Key.Namespace))
        {
            if (constraint.Selector.Matches(pod.Labels) && _cache.Node(pod.Node) is { } node &&
                node.Labels.TryGetValue(constraint.TopologyKey, out var domain) && counts.TryGetValue(domain, out var count))
            {
                counts[domain] = count + 1;
            }
        }

        var min = counts.Count < constraint.MinDomains || counts.Count == 0 ? 0 : counts.Values.Min();
        return (counts, min, constraint.Selector.Matches(_pod.Labels) ? 1 : 0);
    }

    private bool Allowed(NodeInfo node) =>
        NodeSelectorMatcher.MatchesSelector(_pod.NodeSelector, node.Labels) &&
        (_pod.RequiredNodeTerms is not { } terms || NodeSelectorMatcher.MatchesAnyTerm(terms, node.Name, node.Labels));

    private NodeRejection? Fit(NodeInfo node)
    {
        List<string>? reasons = null;
        if (node.Pods.Count + 1 > node.AllocatablePods)
        {
            (reasons ??= []).Add("Too many pods");
        }

        var request = _pod.Request;
        if (request.MilliCpu > 0 && request.MilliCpu > node.AllocatableMilliCpu - node.RequestedMilliCpu)
        {
            (reasons ??= []).Add("Insufficient cpu");
        }

        if (request.Memory > 0 && request.Memory > node.AllocatableMemory - node.RequestedMemory)
        {
            (reasons ??= []).Add("Insufficient memory");
        }

        return reasons is null ? null : NodeRejection.Curable([.. reasons]);
    }

    private NodeRejection? InterPodAffinity(NodeInfo node)
    {
        if (_pod.Affinity is { } affinity)
        {
            for (var i = 0; i < affinity.Length; i++)
            {
                // The first pod of a group that selects itself may go anywhere the topology key exists.
                var allowed = node.Labels.TryGetValue(affinity[i].TopologyKey, out var value) &&
                              (_affinityCounts![i].GetValueOrDefault(value) > 0 || (_affinityMatchesNothing && _podMatchesOwnAffinity));
                if (!allowed)
                {
                    return NodeRejection.Unresolvable("node(s) didn't match pod affinity rules");
                }
            }
        }

        if (_pod.AntiAffinity is { } antiAffinity)
        {
            for (var i = 0; i < antiAffinity.Length; i++)
            {
                if (node.Labels.TryGetValue(antiAffinity[i].TopologyKey, out var value) && _antiAffinityDomains![i].Contains(value))
                {
                    return NodeRejection.Curable("node(s) didn't match pod anti-affinity rules");
                }
            }
        }

        foreach (var (key, value) in _repelled)
        {
            if (node.Labels.TryGetValue(key, out var actual) && actual == value)
            {
                return NodeRejection.Curable("node(s) didn't satisfy existing pods anti-affinity rules");
            }
        }

        return null;
    }

    /// <summary>For each term, the topology values of the nodes holding pods the term matches.</summary>
    private Dictionary<string, int>[] Domains(AffinityTerm[] terms, Action<AffinityTerm, string, Dictionary<string, int>> count)
    {
        var result = terms.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        // Terms usually name their namespaces: only those namespaces' pods need a look.
        var candidates = terms.Any(t => t.Namespaces is null)
            ? _cache.Pods
            : terms.SelectMany(t => t.Namespaces!).Distinct(StringComparer.Ordinal).SelectMany(_cache.PodsIn);
        foreach (var pod in candidates)
        {
            if (_cache.Node(pod.Node) is not { } node)
            {
                continue;
            }

            for (var i = 0; i < terms.Length; i++)
            {
                if (terms[i].Matches(pod.Key.Namespace, pod.Labels) && node.Labels.TryGetValue(terms[i].TopologyKey, out var value))
                {
                    count(terms[i], value, result[i]);
                }
            }
        }

        return result;
    }

    private NodeInfo Best(List<NodeInfo> nodes)
    {
        var scores = new long[nodes.Count];
        Add(scores, 1, nodes, LeastAllocated);
        Add(scores, 1, nodes, BalancedAllocation);
        Add(scores, 2, Normalize(nodes.Select(PreferredAffinity).ToArray(), reverse: false));
        Add(scores, 3, Normalize(nodes.Select(IntolerablePreferNoSchedule).ToArray(), reverse: true));
        if (_pod.OwnerUid is { } owner && !_pod.HasOwnSpreading)
        {
            Add(scores, 2, DefaultSpread(nodes, owner));
        }

        // Ties are broken at random, as kube's selectHost does with reservoir sampling.
        var best = 0;
        var ties = 1;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
                ties = 1;
            }
            else if (scores[i] == scores[best] && _random.Next(++ties) == 0)
            {
                best = i;
            }
        }

        return nodes[best];
    }

    private long LeastAllocated(NodeInfo node) =>
        (Free(node.AllocatableMilliCpu, node.NonZeroMilliCpu + _pod.Request.NonZeroMilliCpu) +
         Free(node.AllocatableMemory, node.NonZeroMemory + _pod.Request.NonZeroMemory)) / 2;

    private static long Free(long allocatable, long requested) =>
        allocatable == 0 || requested > allocatable ? 0 : (allocatable - requested) * MaxNodeScore / allocatable;

    private long BalancedAllocation(NodeInfo node)
    {
        var cpu = Fraction(node.NonZeroMilliCpu + _pod.Request.NonZeroMilliCpu, node.AllocatableMilliCpu);
        var memory = Fraction(node.NonZeroMemory + _pod.Request.NonZeroMemory, node.AllocatableMemory);
        return (long)((1 - (Math.Abs(cpu - memory) / 2)) * MaxNodeScore);
    }

    private static double Fraction(long requested, long allocatable) =>
        allocatable == 0 ? 1 : Math.Min(1, (double)requested / allocatable);

    private long PreferredAffinity(NodeInfo node) =>
        _pod.PreferredNodeTerms
            .Where(t => t.Preference is { } term && NodeSelectorMatcher.MatchesTerm(term, node.Name, node.Labels))
            .Sum(t => (long)(t.Weight ?? 0));

    private long IntolerablePreferNoSchedule(NodeInfo node) =>
        node.Taints.Count(t => t.Effect == "PreferNoSchedule" &&
                               !_pod.Tolerations.Any(x => x.Effect is null or "" or "PreferNoSchedule" && Tolerations.Tolerates(x, t)));

    /// <summary>
    /// kube's system-default spreading (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) over
    /// the pods of the same controller: fewer siblings in a node's host and zone score higher.
    /// </summary>
    private long[] DefaultSpread(List<NodeInfo> nodes, string owner)
    {
        var zones = nodes.Select(n => n.Zone).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var hostWeight = Math.Log(nodes.Count + 2);
        var zoneWeight = Math.Log(zones + 2);
        var raw = new long[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var score = (_cache.OwnerPodsOnNode(owner, nodes[i].Name) * hostWeight) + (3 - 1);
            if (nodes[i].Zone is { } zone)
            {
                score += (_cache.OwnerPodsInZone(owner, zone) * zoneWeight) + (5 - 1);
            }

            raw[i] = (long)Math.Round(score);
        }

        var min = raw.Min();
        var max = raw.Max();
        return max == 0
            ? [.. raw.Select(_ => (long)MaxNodeScore)]
            : [.. raw.Select(s => MaxNodeScore * (max + min - s) / max)];
    }

    private static long[] Normalize(long[] raw, bool reverse)
    {
        var max = raw.Length == 0 ? 0 : raw.Max();
        if (max == 0)
        {
            return [.. raw.Select(_ => reverse ? (long)MaxNodeScore : 0)];
        }

        return [.. raw.Select(s => reverse ? MaxNodeScore - (MaxNodeScore * s / max) : MaxNodeScore * s / max)];
    }

    private static void Add(long[] scores, int weight, List<NodeInfo> nodes, Func<NodeInfo, long> score)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            scores[i] += weight * score(nodes[i]);
        }
    }

    private static void Add(long[] scores, int weight, long[] values)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] += weight * values[i];
        }
    }
}
