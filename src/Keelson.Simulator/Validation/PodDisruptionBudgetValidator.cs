using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// policy/v1 PodDisruptionBudgets: one of minAvailable and maxUnavailable, each a count or a percentage up to
/// 100%, a valid selector and eviction policy. kube-apiserver checks no name rule beyond the generic one.
/// </summary>
internal sealed class PodDisruptionBudgetValidator : IKindValidator
{
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is not null)
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }

        var spec = obj.GetObject("spec");
        var minAvailable = spec?["minAvailable"];
        var maxUnavailable = spec?["maxUnavailable"];
        if (minAvailable is not null && maxUnavailable is not null)
        {
            var value = "policy.PodDisruptionBudgetSpec{"
                + $"MinAvailable:{GoFormat.Pointer("intstr.IntOrString", minAvailable)}, "
                + $"Selector:{GoFormat.Pointer("v1.LabelSelector", spec?["selector"])}, "
                + $"MaxUnavailable:{GoFormat.Pointer("intstr.IntOrString", maxUnavailable)}, "
                + $"UnhealthyPodEvictionPolicy:{GoFormat.Pointer("policy.UnhealthyPodEvictionPolicyType", spec?["unhealthyPodEvictionPolicy"])}}}";
            errors.Add(FieldError.Invalid("spec", value, "minAvailable and maxUnavailable cannot be both set"));
        }

        foreach (var (field, bound) in (ReadOnlySpan<(string, JsonNode?)>)[("minAvailable", minAvailable), ("maxUnavailable", maxUnavailable)])
        {
            if (bound is not null)
            {
                WorkloadValidation.ValidateIntOrPercent(bound, "spec." + field, errors);
                WorkloadValidation.ValidateNotMoreThan100Percent(bound, "spec." + field, errors);
            }
        }

        LabelSelectors.Validate(spec.GetObject("selector"), "spec.selector", errors);
        if (spec.GetString("unhealthyPodEvictionPolicy") is { } policy && policy is not ("AlwaysAllow" or "IfHealthyBudget"))
        {
            errors.Add(FieldError.NotSupported("spec.unhealthyPodEvictionPolicy", GoFormat.Quote(policy), "AlwaysAllow", "IfHealthyBudget"));
        }
    }
}
