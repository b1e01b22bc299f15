using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Scheduling;

/// <summary>Whether tolerations tolerate taints, as k8s.io/component-helpers' <c>ToleratesTaint</c> decides.</summary>
internal static class Tolerations
{
    /// <summary>The taint kube-controller-manager puts on a cordoned node (the scheduler checks cordons as this taint).</summary>
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";

    /// <summary>Whether one toleration tolerates one taint: same effect (or any), same key (or any with Exists), equal value.</summary>
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.Operator switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }

    /// <summary>Whether any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool AnyTolerates(IReadOnlyList<Toleration>? tolerations, Taint taint)
    {
        if (tolerations is null)
        {
            return false;
        }

        foreach (var toleration in tolerations)
        {
            if (Tolerates(toleration, taint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first taint with an effect in <paramref name="effects"/> that no toleration tolerates, or null.</summary>
    public static Taint? FirstUntolerated(IReadOnlyList<Taint> taints, IReadOnlyList<Toleration>? tolerations, params string[] effects)
    {
        foreach (var taint in taints)
        {
            if (Array.IndexOf(effects, taint.Effect) >= 0 && !AnyTolerates(tolerations, taint))
            {
                return taint;
            }
        }

        return null;
    }

    /// <summary>How a taint reads in scheduler messages: <c>{key: value}</c>.</summary>
    public static string Describe(Taint taint) => $"{{{taint.Key}: {taint.Value}}}";
}
