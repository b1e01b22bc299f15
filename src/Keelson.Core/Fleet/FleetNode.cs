using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Fleet;

/// <summary>What the fleet view keeps of a node: labels (for selectors), readiness, problem conditions, cordon and taints.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Name">The node's name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Ready">Whether its Ready condition is True.</param>
/// <param name="Cordoned">Whether it is marked unschedulable.</param>
/// <param name="Problems">Conditions that signal trouble (see <see cref="NodeProblem"/>); empty for a healthy node.</param>
/// <param name="Taints">Its taints as <c>key=value:Effect</c>.</param>
/// <param name="KubeletVersion">The kubelet's version, e.g. <c>v1.30.4</c>.</param>
/// <param name="InternalIp">Its InternalIP address.</param>
/// <param name="CreatedAt">When it registered (UTC).</param>
public sealed record FleetNode(
    string Cluster,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    bool Ready,
    bool Cordoned,
    IReadOnlyList<NodeProblem> Problems,
    IReadOnlyList<string> Taints,
    string? KubeletVersion,
    string? InternalIp,
    DateTime? CreatedAt)
{
    /// <summary>The <c>condition</c> filter value for nodes that are not Ready.</summary>
    public const string NotReady = "NotReady";

    /// <summary>The <c>condition</c> filter value for nodes with any problem.</summary>
    public const string AnyProblem = "any";

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    // Written in any case by users; other condition types (node-problem-detector's are open-ended) must match exactly.
    private static readonly string[] WellKnownConditions =
        [NotReady, AnyProblem, "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable", "KernelDeadlock", "ReadonlyFilesystem"];

    /// <summary>The <c>condition</c> filter value as the index files it: well-known names in their canonical case.</summary>
    internal static string CanonicalCondition(string condition) =>
        Array.Find(WellKnownConditions, c => string.Equals(c, condition, StringComparison.OrdinalIgnoreCase)) ?? condition;

    /// <summary>
    /// The values this node is found under by the <c>condition</c> filter: <see cref="NotReady"/>,
    /// each problem condition's type, and <see cref="AnyProblem"/> when there is any.
    /// </summary>
    internal IEnumerable<string> ConditionKeys()
    {
        if (Problems.Count == 0)
        {
            yield break;
        }

        yield return AnyProblem;
        foreach (var problem in Problems)
        {
            yield return problem.Type == "Ready" ? NotReady : problem.Type;
        }
    }

    /// <summary>The lean form of <paramref name="node"/>; <paramref name="strings"/> shares repeated strings.</summary>
    internal static FleetNode From(string cluster, Node node, StringPool strings)
    {
        var name = node.Metadata.Name ?? "";
        IReadOnlyDictionary<string, string> labels = NoLabels;
        if (node.Metadata.Labels is { Count: > 0 } source)
        {
            var shared = new Dictionary<string, string>(source.Count, StringComparer.Ordinal);
            foreach (var (key, value) in source)
            {
                // The hostname label repeats the node's name: keep one string, and keep unique values out of the pool.
                shared[strings.Intern(key)!] = value == name ? name : strings.Intern(value)!;
            }

            labels = shared;
        }

        var ready = false;
        List<NodeProblem>? problems = null;
        foreach (var condition in node.Status?.Conditions ?? [])
        {
            var isReady = condition.Type == "Ready";
            ready |= isReady && condition.Status == "True";
            if (isReady ? condition.Status != "True" : condition.Status == "True")
            {
                (problems ??= []).Add(new NodeProblem(
                    strings.Intern(condition.Type) ?? "",
                    strings.Intern(condition.Status) ?? "Unknown",
                    strings.Intern(condition.Reason),
                    condition.Message,
                    condition.LastTransitionTime?.UtcDateTime));
            }
        }

        if (!ready && problems?.Exists(p => p.Type == "Ready") != true)
        {
            (problems ??= []).Add(new NodeProblem("Ready", "Unknown", null, "the node has not reported a Ready condition", null));
        }

        return new FleetNode(
            cluster,
            name,
            labels,
            ready,
            node.Spec?.Unschedulable == true,
            problems ?? (IReadOnlyList<NodeProblem>)[],
            node.Spec?.Taints is { Count: > 0 } taints
                ? [.. taints.Select(t => strings.Intern(string.IsNullOrEmpty(t.Value) ? $"{t.Key}:{t.Effect}" : $"{t.Key}={t.Value}:{t.Effect}")!)]
                : [],
            strings.Intern(node.Status?.NodeInfo?.KubeletVersion),
            node.Status?.Addresses?.Find(a => a.Type == "InternalIP")?.Address,
            node.Metadata.CreationTimestamp?.UtcDateTime);
    }
}
