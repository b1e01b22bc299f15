using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>apps/v1 DaemonSets: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions kept.</summary>
internal sealed class DaemonSetDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var spec = obj.GetOrAddObject("spec");
        var updateStrategy = spec.GetOrAddObject("updateStrategy");
        updateStrategy.DefaultString("type", "RollingUpdate");
        if (updateStrategy.GetString("type") == "RollingUpdate")
        {
            var rollingUpdate = updateStrategy.GetOrAddObject("rollingUpdate");
            rollingUpdate.DefaultPointer("maxUnavailable", 1);
            rollingUpdate.DefaultPointer("maxSurge", 0);
        }

        spec.DefaultPointer("revisionHistoryLimit", 10);
        PodSpecDefaults.ApplyToTemplate(spec);
        if (operation == DefaultingOperation.Create)
        {
            // The four scheduling counters have no omitempty.
            obj["status"] = new JsonObject
            {
                ["currentNumberScheduled"] = 0,
                ["desiredNumberScheduled"] = 0,
                ["numberMisscheduled"] = 0,
                ["numberReady"] = 0,
            };
        }
    }
}
