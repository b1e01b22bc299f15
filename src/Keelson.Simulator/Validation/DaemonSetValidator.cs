using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>apps/v1 DaemonSets: selector and template, update strategy, and on update an unchanged selector.</summary>
internal sealed class DaemonSetValidator : IKindValidator
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
        var selector = spec.GetObject("selector");
        var template = spec.GetObject("template");
        var labels = template.GetObject("metadata").GetObject("labels");

        // Unlike the other workloads, an absent selector is not "Required": it selects nothing, so it fails to
        // match the template.
        LabelSelectors.Validate(selector, "spec.selector", errors);
        var matches = LabelSelectors.Matches(selector, labels, out var valid);
        if (valid && !matches)
        {
            errors.Add(FieldError.Invalid("spec.template.metadata.labels", GoFormat.StringMap(labels), ValidationMessages.SelectorMismatch));
        }

        if (selector is not null && LabelSelectors.IsEmpty(selector))
        {
            errors.Add(FieldError.Invalid("spec.selector", GoFormat.LabelSelector(selector), "empty selector is invalid for daemonset"));
        }

        PodSpecValidation.ValidatePodTemplateSpec(template, "spec.template", errors);
        var podSpec = template.GetObject("spec");
        WorkloadValidation.RequireRestartAlways(podSpec, errors);
        if (podSpec.GetInt64("activeDeadlineSeconds") is { } deadline)
        {
            errors.Add(FieldError.Invalid("spec.template.spec.activeDeadlineSeconds", deadline, "activeDeadlineSeconds in DaemonSet is not Supported"));
        }

        WorkloadValidation.ValidateNonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
        ValidateUpdateStrategy(spec.GetObject("updateStrategy"), errors);
        WorkloadValidation.ValidateNonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errors);
        if (old is not null)
        {
            WorkloadValidation.ValidateSelectorUnchanged(obj, old, errors);
        }
    }

    private static void ValidateUpdateStrategy(JsonObject? strategy, List<FieldError> errors)
    {
        var rollingUpdate = strategy.GetObject("rollingUpdate");
        switch (strategy.GetStringOrEmpty("type"))
        {
            case "OnDelete":
                break;
            case "RollingUpdate":
                if (rollingUpdate is null)
                {
                    errors.Add(FieldError.Required("spec.updateStrategy.rollingUpdate"));
                    break;
                }

                const string Path = "spec.updateStrategy.rollingUpdate";
                var maxUnavailable = rollingUpdate["maxUnavailable"];
                var maxSurge = rollingUpdate["maxSurge"];
                WorkloadValidation.ValidateIntOrPercent(maxUnavailable, Path + ".maxUnavailable", errors);
                WorkloadValidation.ValidateIntOrPercent(maxSurge, Path + ".maxSurge", errors);
                WorkloadValidation.ValidateNotMoreThan100Percent(maxUnavailable, Path + ".maxUnavailable", errors);
                WorkloadValidation.ValidateNotMoreThan100Percent(maxSurge, Path + ".maxSurge", errors);
                var hasUnavailable = WorkloadValidation.IntOrPercentValue(maxUnavailable) != 0;
                var hasSurge = WorkloadValidation.IntOrPercentValue(maxSurge) != 0;
                if (hasUnavailable && hasSurge)
                {
                    errors.Add(FieldError.Invalid(Path + ".maxSurge", GoFormat.IntOrString(maxSurge), "may not be set when maxUnavailable is non-zero"));
                }
                else if (!hasUnavailable && !hasSurge)
                {
                    errors.Add(FieldError.Required(Path + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
                }

                break;
            default:
                errors.Add(FieldError.NotSupported(
                    "spec.updateStrategy",
                    $"apps.DaemonSetUpdateStrategy{{Type:{GoFormat.Quote(strategy.GetStringOrEmpty("type"))}, RollingUpdate:{GoFormat.Pointer("apps.RollingUpdateDaemonSet", rollingUpdate)}}}",
                    "RollingUpdate",
                    "OnDelete"));
                break;
        }
    }
}
