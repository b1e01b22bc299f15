using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// Pods. On update only container images, <c>activeDeadlineSeconds</c> (set or lowered), tolerations (added to),
/// scheduling gates (removed) and a negative <c>terminationGracePeriodSeconds</c> (raised to 1) may change.
/// </summary>
internal sealed class PodValidator : IKindValidator
{
    private const string UpdatableFields =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is not null)
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }

        MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Subdomain, errors);
        var spec = obj.GetObject("spec");
        PodSpecValidation.ValidatePodSpec(spec, "spec", errors);
        if (old is null)
        {
            if (spec.GetArray("ephemeralContainers")?.Count > 0)
            {
                errors.Add(FieldError.Forbidden("spec.ephemeralContainers", "cannot be set on create"));
            }

            if (spec.GetStringOrEmpty("nodeName").Length > 0 && spec.GetArray("schedulingGates")?.Count > 0)
            {
                errors.Add(FieldError.Forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
            }

            return;
        }

        ValidateSpecUpdate(spec ?? [], old.GetObject("spec") ?? [], errors);
    }

    private static void ValidateSpecUpdate(JsonObject spec, JsonObject oldSpec, List<FieldError> errors)
    {
        foreach (var list in (string[])["containers", "initContainers"])
        {
            var containers = spec.GetArray(list).Objects().ToList();
            if (containers.Count != oldSpec.GetArray(list).Objects().Count())
            {
                errors.Add(FieldError.Forbidden("spec." + list, "pod updates may not add or remove containers"));
                return;
            }

            for (var i = 0; i < containers.Count; i++)
            {
                var image = containers[i].GetStringOrEmpty("image");
                if (image.Length == 0)
                {
                    errors.Add(FieldError.Required($"spec.{list}[{i}].image"));
                }

                if (image.Trim().Length != image.Length)
                {
                    errors.Add(FieldError.InvalidString($"spec.{list}[{i}].image", image, "must not have leading or trailing whitespace"));
                }
            }
        }

        var deadline = spec.GetInt64("activeDeadlineSeconds");
        var oldDeadline = oldSpec.GetInt64("activeDeadlineSeconds");
        if (deadline is { } value)
        {
            if (value is < 0 or > int.MaxValue)
            {
                errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", value, NameRules.InclusiveRangeError(0, int.MaxValue)));
                return;
            }

            if (oldDeadline < value)
            {
                errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", value, "must be less than or equal to previous value"));
                return;
            }
        }
        else if (oldDeadline is not null)
        {
            errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", "null", "must not update from a positive integer to nil value"));
        }

        ValidateOnlyAddedTolerations(spec.GetArray("tolerations"), oldSpec.GetArray("tolerations"), errors);
        ValidateOnlyDeletedSchedulingGates(spec.GetArray("schedulingGates"), oldSpec.GetArray("schedulingGates"), errors);

        var munged = (JsonObject)spec.DeepClone();
        foreach (var list in (string[])["containers", "initContainers"])
        {
            var oldContainers = oldSpec.GetArray(list).Objects().ToList();
            var index = 0;
            foreach (var container in munged.GetArray(list).Objects())
            {
                container["image"] = oldContainers[index++]["image"]?.DeepClone();
            }
        }

        munged["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]?.DeepClone();
        munged["schedulingGates"] = oldSpec["schedulingGates"]?.DeepClone();
        munged["tolerations"] = oldSpec["tolerations"]?.DeepClone();
        if (oldSpec.GetInt64("terminationGracePeriodSeconds") < 0 && munged.GetInt64("terminationGracePeriodSeconds") == 1)
        {
            munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]?.DeepClone();
        }

        if (!SemanticJson.AreEqual(munged, oldSpec))
        {
            errors.Add(FieldError.Forbidden("spec", UpdatableFields + "\n" + Diff(oldSpec, munged)));
        }
    }

    // Every old toleration must still be there, with only its tolerationSeconds changed.
    private static void ValidateOnlyAddedTolerations(JsonArray? tolerations, JsonArray? oldTolerations, List<FieldError> errors)
    {
        var current = tolerations.Objects().ToList();
        foreach (var old in oldTolerations.Objects())
        {
            var kept = current.Any(t =>
            {
                var candidate = (JsonObject)old.DeepClone();
                candidate["tolerationSeconds"] = t["tolerationSeconds"]?.DeepClone();
                return SemanticJson.AreEqual(candidate, t);
            });
            if (!kept)
            {
                errors.Add(FieldError.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
                return;
            }
        }
    }

    private static void ValidateOnlyDeletedSchedulingGates(JsonArray? gates, JsonArray? oldGates, List<FieldError> errors)
    {
        var oldNames = oldGates.Objects().Select(g => g.GetStringOrEmpty("name")).ToHashSet(StringComparer.Ordinal);
        var index = 0;
        foreach (var gate in gates.Objects())
        {
            var name = gate.GetStringOrEmpty("name");
            if (!oldNames.Contains(name))
            {
                errors.Add(FieldError.Forbidden($"spec.schedulingGates[{index}].name", $"only deletion is allowed, but found new scheduling gate '{name}'"));
            }

            index++;
        }
    }

    // kube-apiserver appends a go-cmp diff of the internal PodSpec structs; the simulator lists the changed
    // JSON fields instead, old value first, in the same -/+ style.
    private static string Diff(JsonObject oldSpec, JsonObject newSpec)
    {
        var lines = new StringBuilder("  core.PodSpec{\n");
        foreach (var key in oldSpec.Select(p => p.Key).Union(newSpec.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            if (!SemanticJson.AreEqual(oldSpec[key], newSpec[key]))
            {
                lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"- \t{key}: {oldSpec[key]?.ToJsonString() ?? "null"},\n");
                lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"+ \t{key}: {newSpec[key]?.ToJsonString() ?? "null"},\n");
            }
        }

        return lines.Append("  }\n").ToString();
    }
}
