using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>The desired replica count of a Deployment, ReplicaSet or StatefulSet.</summary>
internal static class WorkloadReplicas
{
    /// <summary>
    /// <c>spec.replicas</c>; absent means 1, because kube-apiserver applies defaults when it reads an object from
    /// storage, before the printer sees it.
    /// </summary>
    public static long Desired(JsonObject? spec) => spec.GetInt64("replicas") ?? 1;
}
