using System.Text.Json.Serialization;

namespace Keelson.Core.Fleet;

/// <summary>A pod's <c>status.phase</c>, written as Kubernetes writes it (<c>Running</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PodPhase>))]
public enum PodPhase : byte
{
    /// <summary>Accepted, not yet running all containers (also a pod without a phase).</summary>
    Pending,

    /// <summary>Bound to a node, at least one container running.</summary>
    Running,

    /// <summary>All containers exited successfully and will not restart.</summary>
    Succeeded,

    /// <summary>All containers exited, at least one in failure.</summary>
    Failed,

    /// <summary>The node stopped reporting the pod's state.</summary>
    Unknown,
}
