using System.Globalization;

namespace Keelson.Simulator.Controllers.StatefulSets;

/// <summary>The identity of a stateful pod: <c>SET-ORDINAL</c>, and the labels that carry it.</summary>
public static class StatefulPodName
{
    /// <summary>The pod's revision: the name of the ControllerRevision its template came from.</summary>
    public const string RevisionLabel = "controller-revision-hash";

    /// <summary>The pod's own name, so a Service can select one pod.</summary>
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";

    /// <summary>The pod's ordinal (the PodIndexLabel feature, on by default since 1.28).</summary>
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    /// <summary>The name of the pod of <paramref name="set"/> at <paramref name="ordinal"/>.</summary>
    public static string Of(string set, int ordinal) => $"{set}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ordinal at the end of a pod's name (<c>(.*)-([0-9]+)$</c>), or -1.</summary>
    public static int Ordinal(string pod) => Split(pod).Ordinal;

    /// <summary>The set a pod's name says it belongs to, or empty when the name ends in no ordinal.</summary>
    public static string Parent(string pod) => Split(pod).Parent;

    private static (string Parent, int Ordinal) Split(string pod)
    {
        var dash = pod.LastIndexOf('-');
        if (dash < 0 || dash == pod.Length - 1)
        {
            return ("", -1);
        }

        var digits = pod.AsSpan(dash + 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return ("", -1);
            }
        }

        // kube parses the ordinal as a 32-bit number; a longer one leaves the pod without an ordinal.
        return (pod[..dash], int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : -1);
    }
}
