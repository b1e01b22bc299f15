using System.Text.Json.Nodes;

namespace Keelson.Simulator.Validation;

/// <summary>
/// Kinds whose validation the simulator limits to their metadata (Namespace, Node, ServiceAccount, Endpoints):
/// the name rule of the kind and the namespace its scope requires or forbids.
/// </summary>
internal sealed class MetadataValidator(bool namespaced, NameRule nameRule) : IKindValidator
{
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is null)
        {
            MetadataValidation.ValidateObjectMeta(obj, namespaced, nameRule, errors);
        }
        else
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }
    }
}
