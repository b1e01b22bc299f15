using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>apps/v1 Deployments: one replica, RollingUpdate 25%/25%, 10 old ReplicaSets kept, 600s progress deadline.</summary>
internal sealed class DeploymentDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var spec = obj.GetOrAddObject("spec");
        spec.DefaultPointer("replicas", 1);
        var strategy = spec.GetOrAddObject("strategy");
        strategy.DefaultString("type", "RollingUpdate");
        if (strategy.GetString("type") == "RollingUpdate")
        {
            var rollingUpdate = strategy.GetOrAddObject("rollingUpdate");
            rollingUpdate.DefaultPointer("maxUnavailable", "25%");
            rollingUpdate.DefaultPointer("maxSurge", "25%");
        }

        spec.DefaultPointer("revisionHistoryLimit", 10);
        spec.DefaultPointer("progressDeadlineSeconds", 600);
        PodSpecDefaults.ApplyToTemplate(spec);
        if (operation == DefaultingOperation.Create)
        {
            // DeploymentStatus has only omitempty fields, so a new deployment shows "status: {}".
            obj["status"] = new JsonObject();
        }
    }
}
