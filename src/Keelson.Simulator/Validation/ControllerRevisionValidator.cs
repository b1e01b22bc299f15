using System.Text.Json.Nodes;

namespace Keelson.Simulator.Validation;

/// <summary>apps/v1 ControllerRevisions: data is mandatory and, once written, immutable; revision is not negative.</summary>
internal sealed class ControllerRevisionValidator : IKindValidator
{
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is not null)
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }

        MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Subdomain, errors);
        if (obj["data"] is null)
        {
            errors.Add(FieldError.Required("data", "data is mandatory"));
        }

        WorkloadValidation.ValidateNonNegative(obj, "revision", "revision", errors);
        if (old is not null && !JsonNode.DeepEquals(obj["data"], old["data"]))
        {
            // kube-apiserver prints the raw bytes of the internal RawExtension here; the simulator abbreviates them.
            errors.Add(FieldError.Invalid("data", "runtime.RawExtension{...}", ValidationMessages.Immutable));
        }
    }
}
