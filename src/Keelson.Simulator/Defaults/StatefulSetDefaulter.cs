using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// apps/v1 StatefulSets: OrderedReady, RollingUpdate with partition 0, PVC retention Retain/Retain (the
/// StatefulSetAutoDeletePVC gate is on in 1.30), one replica, 10 revisions, and the claim templates' defaults.
/// </summary>
internal sealed class StatefulSetDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var spec = obj.GetOrAddObject("spec");
        spec.DefaultString("podManagementPolicy", "OrderedReady");

        var updateStrategy = spec.GetOrAddObject("updateStrategy");
        if (updateStrategy.GetStringOrEmpty("type").Length == 0)
        {
            updateStrategy["type"] = "RollingUpdate";
            updateStrategy.DefaultPointer("rollingUpdate", new JsonObject());
        }

        // Only a rollingUpdate the client sent, or the one defaulted just above, gets a partition.
        if (updateStrategy.GetString("type") == "RollingUpdate" && updateStrategy.GetObject("rollingUpdate") is { } rollingUpdate)
        {
            rollingUpdate.DefaultPointer("partition", 0);
        }

        var retention = spec.GetOrAddObject("persistentVolumeClaimRetentionPolicy");
        retention.DefaultString("whenDeleted", "Retain");
        retention.DefaultString("whenScaled", "Retain");

        spec.DefaultPointer("replicas", 1);
        spec.DefaultPointer("revisionHistoryLimit", 10);
        PodSpecDefaults.ApplyToTemplate(spec);

        foreach (var claim in spec.GetArray("volumeClaimTemplates").Objects())
        {
            // The claim templates come back typed, with the claim defaults and a Pending status.
            claim.DefaultString("apiVersion", "v1");
            claim.DefaultString("kind", "PersistentVolumeClaim");
            FieldDefaults.DefaultNullTime(claim.GetOrAddObject("metadata"), "creationTimestamp");
            var claimSpec = claim.GetOrAddObject("spec");
            claimSpec.DefaultPointer("resources", new JsonObject());
            claimSpec.DefaultPointer("volumeMode", "Filesystem");
            claim.GetOrAddObject("status").DefaultString("phase", "Pending");
        }

        if (operation == DefaultingOperation.Create)
        {
            // replicas and availableReplicas have no omitempty.
            obj["status"] = new JsonObject { ["availableReplicas"] = 0, ["replicas"] = 0 };
        }
    }
}
