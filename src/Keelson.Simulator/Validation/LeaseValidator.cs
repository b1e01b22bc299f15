using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>coordination.k8s.io/v1 Leases: a positive lease duration and a non-negative transition count.</summary>
internal sealed class LeaseValidator : IKindValidator
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
        if (spec.GetInt64("leaseDurationSeconds") is <= 0 and var duration)
        {
            errors.Add(FieldError.Invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
        }

        WorkloadValidation.ValidateNonNegative(spec, "leaseTransitions", "spec.leaseTransitions", errors);
    }
}
