using System.Text.Json.Serialization;

namespace Keelson.Core.Fleet;

/// <summary>What controls a pod; the fleet view lists the first three as workloads.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkloadKind>))]
public enum WorkloadKind : byte
{
    /// <summary>apps/v1 Deployment (through its ReplicaSet).</summary>
    Deployment,

    /// <summary>apps/v1 StatefulSet.</summary>
    StatefulSet,

    /// <summary>apps/v1 DaemonSet.</summary>
    DaemonSet,

    /// <summary>A ReplicaSet no Deployment owns.</summary>
    ReplicaSet,

    /// <summary>batch/v1 Job.</summary>
    Job,
}
