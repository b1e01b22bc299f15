using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>apps/v1 ReplicaSets: one replica and the pod template defaults.</summary>
internal sealed class ReplicaSetDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var spec = obj.GetOrAddObject("spec");
        spec.DefaultPointer("replicas", 1);
        PodSpecDefaults.ApplyToTemplate(spec);
        if (operation == DefaultingOperation.Create)
        {
            // status.replicas has no omitempty.
            obj["status"] = new JsonObject { ["replicas"] = 0 };
        }
    }
}
