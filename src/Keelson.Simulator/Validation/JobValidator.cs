using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// batch/v1 Jobs: counts, completion mode, the generated selector and labels, the pod template (which must not
/// restart always), and on update an unchanged selector, completions, completion mode and template.
/// </summary>
internal sealed class JobValidator : IKindValidator
{
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (old is null)
        {
            MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Subdomain, errors);
            ValidateGeneratedSelector(obj, errors);
            ValidateSpec(spec, errors);
            return;
        }

        MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        ValidateSpec(spec, errors);
        var oldSpec = old.GetObject("spec");
        var completions = spec.GetInt64("completions");
        if (completions != oldSpec.GetInt64("completions"))
        {
            // Indexed jobs may change completions together with parallelism (elastic indexed jobs); others may not.
            if (spec.GetString("completionMode") != "Indexed")
            {
                errors.Add(FieldError.Invalid("spec.completions", completions is { } value ? GoFormat.Number(value) : "null", ValidationMessages.Immutable));
            }
            else if (completions is { } indexed && indexed != spec.GetInt64("parallelism"))
            {
                errors.Add(FieldError.Invalid("spec.completions", indexed, "can only be modified in tandem with spec.parallelism"));
            }
        }

        WorkloadValidation.ValidateSelectorUnchanged(obj, old, errors);
        // As kube-apiserver, judged by the stored job alone: the write that resumes a job may still move its pods.
        var mutable = oldSpec.GetBoolean("suspend") == true && old.GetObject("status").GetString("startTime") is null;
        if (!SemanticJson.AreEqual(ComparableTemplate(spec, mutable), ComparableTemplate(oldSpec, mutable)))
        {
            // kube-apiserver prints the whole internal PodTemplateSpec here; the simulator abbreviates it.
            errors.Add(FieldError.Invalid("spec.template", "core.PodTemplateSpec{...}", ValidationMessages.Immutable));
        }

        if (spec.GetStringOrEmpty("completionMode") != oldSpec.GetStringOrEmpty("completionMode"))
        {
            errors.Add(FieldError.Invalid("spec.completionMode", GoFormat.Quote(spec.GetStringOrEmpty("completionMode")), ValidationMessages.Immutable));
        }
    }

    // A suspended job that never started may still change its pods' scheduling directives, labels and annotations.
    private static JsonObject? ComparableTemplate(JsonObject? spec, bool mutable)
    {
        var template = (JsonObject?)spec.GetObject("template")?.DeepClone();
        if (template is not null && mutable)
        {
            template.GetObject("metadata")?.Remove("labels");
            template.GetObject("metadata")?.Remove("annotations");
            foreach (var field in (string[])["nodeSelector", "tolerations", "schedulingGates", "affinity"])
            {
                template.GetObject("spec")?.Remove(field);
            }
        }

        return template;
    }

    private static void ValidateSpec(JsonObject? spec, List<FieldError> errors)
    {
        foreach (var field in (string[])["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"])
        {
            WorkloadValidation.ValidateNonNegative(spec, field, "spec." + field, errors);
        }

        if (spec.GetString("completionMode") is { } mode)
        {
            if (mode is not ("NonIndexed" or "Indexed"))
            {
                errors.Add(FieldError.NotSupported("spec.completionMode", GoFormat.Quote(mode), "NonIndexed", "Indexed"));
            }
            else if (mode == "Indexed" && spec!.IsNull("completions"))
            {
                errors.Add(FieldError.Required("spec.completions", "when completion mode is Indexed"));
            }
        }

        var template = spec.GetObject("template");
        PodSpecValidation.ValidatePodTemplateSpec(template, "spec.template", errors);
        // Left empty, restartPolicy is defaulted to Always, so both mean the client did not choose one.
        var restartPolicy = template.GetObject("spec").GetStringOrEmpty("restartPolicy");
        if (restartPolicy is "Always" or "")
        {
            errors.Add(FieldError.Required("spec.template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\""));
        }
        else if (restartPolicy is not ("OnFailure" or "Never"))
        {
            errors.Add(FieldError.NotSupported("spec.template.spec.restartPolicy", GoFormat.Quote(restartPolicy), "OnFailure", "Never"));
        }
        else if (!spec!.IsNull("podFailurePolicy") && restartPolicy != "Never")
        {
            errors.Add(FieldError.InvalidString("spec.template.spec.restartPolicy", restartPolicy, "only \"Never\" is supported when podFailurePolicy is specified"));
        }

        var selector = spec.GetObject("selector");
        if (selector is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else
        {
            LabelSelectors.Validate(selector, "spec.selector", errors);
        }

        var labels = template.GetObject("metadata").GetObject("labels");
        if (!LabelSelectors.Matches(selector, labels, out var valid) && valid)
        {
            errors.Add(FieldError.Invalid("spec.template.metadata.labels", GoFormat.StringMap(labels), ValidationMessages.SelectorMismatch));
        }
    }

    // Unless the selector is manual, the generated labels must be on the template with the job's uid and name.
    private static void ValidateGeneratedSelector(JsonObject job, List<FieldError> errors)
    {
        var spec = job.GetObject("spec");
        var labels = spec.GetObject("template").GetObject("metadata").GetObject("labels");
        if (spec.GetBoolean("manualSelector") == true || labels is null || spec.GetObject("selector") is not { } selector)
        {
            return;
        }

        var metadata = job.GetObject("metadata");
        var uid = metadata.GetStringOrEmpty("uid");
        var name = metadata.GetStringOrEmpty("name");
        if (uid.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.uid"));
        }

        foreach (var (key, expected) in (ReadOnlySpan<(string, string)>)[
            ("controller-uid", uid), ("job-name", name), ("batch.kubernetes.io/controller-uid", uid), ("batch.kubernetes.io/job-name", name)])
        {
            var path = $"spec.template.metadata.labels[{key}]";
            if (labels.GetString(key) is not { } actual)
            {
                errors.Add(FieldError.Required(path, expected));
            }
            else if (actual != expected)
            {
                errors.Add(FieldError.Invalid(path, GoFormat.StringMap(labels), $"must be '{expected}'"));
            }
        }

        var expectedLabels = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid, ["batch.kubernetes.io/job-name"] = name };
        if (!LabelSelectors.Matches(selector, expectedLabels, out var valid) && valid)
        {
            errors.Add(FieldError.Invalid("spec.selector", GoFormat.LabelSelector(selector), "`selector` not auto-generated"));
        }
    }
}
