using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>The selector, template and rolling-update rules the apps and batch validators share.</summary>
internal static partial class WorkloadValidation
{
    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex Percent();

    /// <summary>A required, non-empty, well-formed <c>spec.selector</c>.</summary>
    public static void ValidateRequiredSelector(JsonObject? spec, string kindWord, List<FieldError> errors)
    {
        var selector = spec.GetObject("selector");
        if (selector is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
            return;
        }

        LabelSelectors.Validate(selector, "spec.selector", errors);
        if (LabelSelectors.IsEmpty(selector))
        {
            errors.Add(FieldError.Invalid("spec.selector", GoFormat.LabelSelector(selector), $"empty selector is invalid for {kindWord}"));
        }
    }

    /// <summary>
    /// <c>ValidatePodTemplateSpecForReplicaSet</c>: the selector must select the template's labels (an absent
    /// selector selects nothing, an empty one everything), the template must be a valid pod template that always
    /// restarts, and carry no active deadline.
    /// </summary>
    public static void ValidateTemplateForReplicaSet(JsonObject? spec, List<FieldError> errors)
    {
        var selector = spec.GetObject("selector");
        var template = spec.GetObject("template");
        var labels = template.GetObject("metadata").GetObject("labels");
        var matches = LabelSelectors.Matches(selector, labels, out var valid);
        if (!valid)
        {
            errors.Add(FieldError.Invalid("spec.selector", GoFormat.LabelSelector(selector), "invalid label selector"));
            return;
        }

        if ((selector is null || !LabelSelectors.IsEmpty(selector)) && !matches)
        {
            errors.Add(FieldError.Invalid("spec.template.metadata.labels", GoFormat.StringMap(labels), ValidationMessages.SelectorMismatch));
        }

        PodSpecValidation.ValidatePodTemplateSpec(template, "spec.template", errors);
        var podSpec = template.GetObject("spec");
        RequireRestartAlways(podSpec, errors);
        if (podSpec.GetInt64("activeDeadlineSeconds") is { } deadline)
        {
            errors.Add(FieldError.Invalid("spec.template.spec.activeDeadlineSeconds", deadline, "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
    }

    /// <summary>Pods of replicated workloads must restart always.</summary>
    public static void RequireRestartAlways(JsonObject? podSpec, List<FieldError> errors)
    {
        var restartPolicy = podSpec.GetStringOrEmpty("restartPolicy");
        if (restartPolicy != "Always")
        {
            errors.Add(FieldError.NotSupported("spec.template.spec.restartPolicy", GoFormat.Quote(restartPolicy), "Always"));
        }
    }

    /// <summary>A count or percentage that may not be negative (<c>ValidatePositiveIntOrPercent</c>).</summary>
    public static void ValidateIntOrPercent(JsonNode? value, string path, List<FieldError> errors)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var percent))
        {
            if (!Percent().IsMatch(percent))
            {
                errors.Add(FieldError.Invalid(path, GoFormat.IntOrString(value),
                    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            }
        }
        else if (IntOrPercentValue(value) is < 0 and var negative)
        {
            errors.Add(FieldError.Invalid(path, negative, ValidationMessages.Negative));
        }
    }

    /// <summary>A percentage above 100% is rejected.</summary>
    public static void ValidateNotMoreThan100Percent(JsonNode? value, string path, List<FieldError> errors)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var percent) && Percent().IsMatch(percent) && IntOrPercentValue(value) > 100)
        {
            errors.Add(FieldError.Invalid(path, GoFormat.IntOrString(value), "must not be greater than 100%"));
        }
    }

    /// <summary>The number in an int-or-percent (<c>25%</c> is 25); an unparsable value counts as 0.</summary>
    public static long IntOrPercentValue(JsonNode? value)
    {
        if (value is not JsonValue v)
        {
            return 0;
        }

        if (v.TryGetValue<string>(out var text))
        {
            return Percent().IsMatch(text) && long.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;
        }

        return JsonObjectExtensions.AsInt64(v) ?? 0;
    }

    /// <summary>On update, the selector may not change (apps/v1, batch/v1).</summary>
    public static void ValidateSelectorUnchanged(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var selector = obj.GetObject("spec").GetObject("selector");
        if (!SemanticJson.AreEqual(selector, old.GetObject("spec").GetObject("selector")))
        {
            errors.Add(FieldError.Invalid("spec.selector", GoFormat.LabelSelector(selector), ValidationMessages.Immutable));
        }
    }

    /// <summary>A non-negative integer field, when set.</summary>
    public static void ValidateNonNegative(JsonObject? obj, string field, string path, List<FieldError> errors)
    {
        if (obj.GetInt64(field) is < 0 and var value)
        {
            errors.Add(FieldError.Invalid(path, value, ValidationMessages.Negative));
        }
    }
}
