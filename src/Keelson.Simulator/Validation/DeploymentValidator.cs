using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>apps/v1 Deployments: replicas, selector and template, strategy, and on update an unchanged selector.</summary>
internal sealed class DeploymentValidator : IKindValidator
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
        WorkloadValidation.ValidateRequiredSelector(spec, "deployment", errors);
        WorkloadValidation.ValidateTemplateForReplicaSet(spec, errors);
        ValidateStrategy(spec.GetObject("strategy"), errors);
        WorkloadValidation.ValidateNonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
        WorkloadValidation.ValidateNonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errors);
        if (spec.GetInt64("progressDeadlineSeconds") is { } deadline)
        {
            WorkloadValidation.ValidateNonNegative(spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds", errors);
            if (deadline <= (spec.GetInt64("minReadySeconds") ?? 0))
            {
                errors.Add(FieldError.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
            }
        }

        if (old is not null)
        {
            WorkloadValidation.ValidateSelectorUnchanged(obj, old, errors);
        }
    }

    private static void ValidateStrategy(JsonObject? strategy, List<FieldError> errors)
    {
        var rollingUpdate = strategy.GetObject("rollingUpdate");
        switch (strategy.GetStringOrEmpty("type"))
        {
            case "Recreate":
                if (rollingUpdate is not null)
                {
                    errors.Add(FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
                }

                break;
            case "RollingUpdate":
                if (rollingUpdate is null)
                {
                    errors.Add(FieldError.Required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
                    break;
                }

                const string Path = "spec.strategy.rollingUpdate";
                WorkloadValidation.ValidateIntOrPercent(rollingUpdate["maxUnavailable"], Path + ".maxUnavailable", errors);
                WorkloadValidation.ValidateIntOrPercent(rollingUpdate["maxSurge"], Path + ".maxSurge", errors);
                if (WorkloadValidation.IntOrPercentValue(rollingUpdate["maxUnavailable"]) == 0 && WorkloadValidation.IntOrPercentValue(rollingUpdate["maxSurge"]) == 0)
                {
                    errors.Add(FieldError.Invalid(Path + ".maxUnavailable", GoFormat.IntOrString(rollingUpdate["maxUnavailable"]), "may not be 0 when `maxSurge` is 0"));
                }

                WorkloadValidation.ValidateNotMoreThan100Percent(rollingUpdate["maxUnavailable"], Path + ".maxUnavailable", errors);
                break;
            default:
                // kube-apiserver reports the whole strategy struct as the unsupported value.
                errors.Add(FieldError.NotSupported(
                    "spec.strategy",
                    $"apps.DeploymentStrategy{{Type:{GoFormat.Quote(strategy.GetStringOrEmpty("type"))}, RollingUpdate:{GoFormat.Pointer("apps.RollingUpdateDeployment", rollingUpdate)}}}",
                    "Recreate",
                    "RollingUpdate"));
                break;
        }
    }
}
