using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>apps/v1 ReplicaSets: replicas, selector and template, and on update an unchanged selector.</summary>
internal sealed class ReplicaSetValidator : IKindValidator
{
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is null)
        {
            MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Subdomain, errors);
        }
        else
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }

        var spec = obj.GetObject("spec");
        WorkloadValidation.ValidateNonNegative(spec, "replicas", "spec.replicas", errors);
        WorkloadValidation.ValidateNonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
        // kube-apiserver's ReplicaSet check reuses the Deployment wording.
        WorkloadValidation.ValidateRequiredSelector(spec, "deployment", errors);
        WorkloadValidation.ValidateTemplateForReplicaSet(spec, errors);
        if (old is not null)
        {
            WorkloadValidation.ValidateSelectorUnchanged(obj, old, errors);
        }
    }
}
