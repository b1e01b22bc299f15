using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// apps/v1 StatefulSets. Names are DNS labels (they become pod host names). kube-apiserver 1.30 checks only the
/// template's labels and annotations, not its pod spec. On update only replicas, ordinals, template,
/// updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
/// </summary>
internal sealed class StatefulSetValidator : IKindValidator
{
    private static readonly string[] UpdatableFields =
        ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is null)
        {
            MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Label, errors);
        }
        else
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }

        var spec = obj.GetObject("spec");
        switch (spec.GetStringOrEmpty("podManagementPolicy"))
        {
            case "OrderedReady" or "Parallel":
                break;
            case "":
                errors.Add(FieldError.Required("spec.podManagementPolicy"));
                break;
            case var policy:
                errors.Add(FieldError.InvalidString("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
                break;
        }

        var updateStrategy = spec.GetObject("updateStrategy");
        var rollingUpdate = updateStrategy.GetObject("rollingUpdate");
        switch (updateStrategy.GetStringOrEmpty("type"))
        {
            case "":
                errors.Add(FieldError.Required("spec.updateStrategy"));
                break;
            case "OnDelete":
                if (rollingUpdate is not null)
                {
                    errors.Add(FieldError.Invalid("spec.updateStrategy.rollingUpdate", GoFormat.Pointer("apps.RollingUpdateStatefulSetStrategy", rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"));
                }

                break;
            case "RollingUpdate":
                WorkloadValidation.ValidateNonNegative(rollingUpdate, "partition", "spec.updateStrategy.rollingUpdate.partition", errors);
                break;
            case var type:
                errors.Add(FieldError.Invalid(
                    "spec.updateStrategy",
                    $"apps.StatefulSetUpdateStrategy{{Type:{GoFormat.Quote(type)}, RollingUpdate:{GoFormat.Pointer("apps.RollingUpdateStatefulSetStrategy", rollingUpdate)}}}",
                    "must be 'RollingUpdate' or 'OnDelete'"));
                break;
        }

        WorkloadValidation.ValidateNonNegative(spec, "replicas", "spec.replicas", errors);
        WorkloadValidation.ValidateNonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
        WorkloadValidation.ValidateRequiredSelector(spec, "statefulset", errors);

        var selector = spec.GetObject("selector");
        var template = spec.GetObject("template");
        var labels = template.GetObject("metadata").GetObject("labels");
        var matches = LabelSelectors.Matches(selector, labels, out var valid);
        if (!valid)
        {
            errors.Add(FieldError.Invalid("spec.selector", GoFormat.LabelSelector(selector), ""));
        }
        else
        {
            if ((selector is null || !LabelSelectors.IsEmpty(selector)) && !matches)
            {
                errors.Add(FieldError.Invalid("spec.template.metadata.labels", GoFormat.StringMap(labels), ValidationMessages.SelectorMismatch));
            }

            MetadataValidation.ValidateLabels(labels, "spec.template.labels", errors);
            MetadataValidation.ValidateAnnotations(template.GetObject("metadata").GetObject("annotations"), "spec.template.annotations", errors);
        }

        var podSpec = template.GetObject("spec");
        WorkloadValidation.RequireRestartAlways(podSpec, errors);
        if (!(podSpec?.IsNull("activeDeadlineSeconds") ?? true))
        {
            errors.Add(FieldError.Forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"));
        }

        if (old is not null && !OnlyUpdatableFieldsChanged(spec, old.GetObject("spec")))
        {
            errors.Add(FieldError.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
    }

    private static bool OnlyUpdatableFieldsChanged(JsonObject? spec, JsonObject? oldSpec)
    {
        var current = (JsonObject?)spec?.DeepClone() ?? [];
        var previous = (JsonObject?)oldSpec?.DeepClone() ?? [];
        foreach (var field in UpdatableFields)
        {
            current.Remove(field);
            previous.Remove(field);
        }

        return SemanticJson.AreEqual(current, previous);
    }
}
