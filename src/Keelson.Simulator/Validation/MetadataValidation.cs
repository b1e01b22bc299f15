using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary><c>ValidateObjectMeta</c> and <c>ValidateObjectMetaUpdate</c>, and the label and annotation rules they use.</summary>
internal static class MetadataValidation
{
    private const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    /// <summary>The metadata checks of a create (and, minus the immutable fields, of every write).</summary>
    public static void ValidateObjectMeta(JsonObject obj, bool namespaced, NameRule nameRule, List<FieldError> errors)
    {
        var metadata = obj.GetObject("metadata");
        var name = metadata.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            errors.AddRange(nameRule(name).Select(message => FieldError.InvalidString("metadata.name", name, message)));
        }

        var ns = metadata.GetStringOrEmpty("namespace");
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errors.Add(FieldError.Required("metadata.namespace"));
            }
            else
            {
                errors.AddRange(NameRules.IsDns1123Label(ns).Select(message => FieldError.InvalidString("metadata.namespace", ns, message)));
            }
        }
        else if (ns.Length > 0)
        {
            errors.Add(FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
        }

        if (metadata.GetInt64("generation") is < 0 and var generation)
        {
            errors.Add(FieldError.Invalid("metadata.generation", generation, ValidationMessages.Negative));
        }

        ValidateLabels(metadata.GetObject("labels"), "metadata.labels", errors);
        ValidateAnnotations(metadata.GetObject("annotations"), "metadata.annotations", errors);
    }

    /// <summary>The metadata checks of an update: identity and timestamps are immutable, labels and annotations re-checked.</summary>
    /// <remarks>
    /// The resourceVersion precondition is the store's: kube-apiserver fills it in for unconditional updates
    /// before validation runs, and reports conflicts as 409.
    /// </remarks>
    public static void ValidateObjectMetaUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var metadata = obj.GetObject("metadata");
        var oldMetadata = old.GetObject("metadata");
        if ((metadata.GetInt64("generation") ?? 0) < (oldMetadata.GetInt64("generation") ?? 0))
        {
            errors.Add(FieldError.Invalid("metadata.generation", metadata.GetInt64("generation") ?? 0, "must not be decremented"));
        }

        foreach (var field in (string[])["name", "namespace", "uid"])
        {
            var value = metadata.GetStringOrEmpty(field);
            if (value != oldMetadata.GetStringOrEmpty(field))
            {
                errors.Add(FieldError.InvalidString($"metadata.{field}", value, ValidationMessages.Immutable));
            }
        }

        foreach (var field in (string[])["creationTimestamp", "deletionTimestamp"])
        {
            var value = metadata.GetTime(field);
            if (value != oldMetadata.GetTime(field))
            {
                errors.Add(FieldError.Invalid($"metadata.{field}", GoFormat.Time(value), ValidationMessages.Immutable));
            }
        }

        ValidateLabels(metadata.GetObject("labels"), "metadata.labels", errors);
        ValidateAnnotations(metadata.GetObject("annotations"), "metadata.annotations", errors);
    }

    /// <summary>Label keys are qualified names; values are empty or short qualified-name-like strings.</summary>
    public static void ValidateLabels(JsonObject? labels, string path, List<FieldError> errors)
    {
        // Go walks a map in random order; sorted keys keep the messages stable.
        foreach (var (key, value) in (labels ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            ValidateLabelName(key, path, errors);
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            errors.AddRange(NameRules.IsValidLabelValue(text).Select(message => FieldError.InvalidString(path, text, message)));
        }
    }

    public static void ValidateLabelName(string key, string path, List<FieldError> errors) =>
        errors.AddRange(NameRules.IsQualifiedName(key).Select(message => FieldError.InvalidString(path, key, message)));

    /// <summary>Annotation keys are qualified names (case-insensitively); all keys and values together fit in 256 KiB.</summary>
    public static void ValidateAnnotations(JsonObject? annotations, string path, List<FieldError> errors)
    {
        if (annotations is null)
        {
            return;
        }

        var size = 0L;
        foreach (var (key, value) in annotations.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            errors.AddRange(NameRules.IsQualifiedName(key.ToLowerInvariant()).Select(message => FieldError.InvalidString(path, key, message)));
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(text);
        }

        if (size > TotalAnnotationSizeLimitBytes)
        {
            errors.Add(FieldError.TooLong(path, TotalAnnotationSizeLimitBytes));
        }
    }
}
