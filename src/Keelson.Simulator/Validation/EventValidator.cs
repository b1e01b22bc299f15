using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// Events. Every event's involved object must be in the event's namespace; an event with an eventTime (the new
/// API's shape) needs reporting controller and instance, action and reason. Events created through
/// events.k8s.io/v1 are also held to the new API's rules (eventTime set, deprecated fields unset). Errors name
/// the fields as kube-apiserver does, by their internal (core) names.
/// </summary>
internal sealed class EventValidator(bool eventsApi) : IKindValidator
{
    /// <summary>The validator of core/v1 Events.</summary>
    public static EventValidator Core { get; } = new(eventsApi: false);

    /// <summary>The validator of events.k8s.io/v1 Events.</summary>
    public static EventValidator EventsApi { get; } = new(eventsApi: true);

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is not null)
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
        }

        var ns = obj.GetObject("metadata").GetStringOrEmpty("namespace");
        var involvedNamespace = obj.GetObject(eventsApi ? "regarding" : "involvedObject").GetStringOrEmpty("namespace");
        var reportingController = obj.GetStringOrEmpty(eventsApi ? "reportingController" : "reportingComponent");
        var reportingField = eventsApi ? "reportingController" : "reportingComponent";
        if (obj.GetTime("eventTime") is null)
        {
            if (involvedNamespace.Length == 0 ? ns is not ("" or "default") : ns != involvedNamespace)
            {
                errors.Add(FieldError.InvalidString("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
        }
        else
        {
            if (involvedNamespace.Length == 0 && ns is not ("default" or "kube-system"))
            {
                errors.Add(FieldError.InvalidString("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }

            if (reportingController.Length == 0)
            {
                errors.Add(FieldError.Required(reportingField));
            }

            errors.AddRange(NameRules.IsQualifiedName(reportingController).Select(message => FieldError.InvalidString(reportingField, reportingController, message)));
            RequireShort(obj.GetStringOrEmpty("reportingInstance"), "reportingInstance", 128, required: true, errors);
            RequireShort(obj.GetStringOrEmpty("action"), "action", 128, required: true, errors);
            RequireShort(obj.GetStringOrEmpty("reason"), "reason", 128, required: true, errors);
            RequireShort(obj.GetStringOrEmpty(eventsApi ? "note" : "message"), "message", 1024, required: false, errors);
        }

        errors.AddRange(NameRules.IsDns1123Subdomain(ns).Select(message => FieldError.InvalidString("namespace", ns, message)));
        if (eventsApi && old is null)
        {
            ValidateNewApiCreate(obj, errors);
        }
    }

    private static void RequireShort(string value, string field, int limit, bool required, List<FieldError> errors)
    {
        if (required && value.Length == 0)
        {
            errors.Add(FieldError.Required(field));
        }

        if (value.Length > limit)
        {
            errors.Add(FieldError.InvalidString(field, "", $"can have at most {limit} characters"));
        }
    }

    private static void ValidateNewApiCreate(JsonObject obj, List<FieldError> errors)
    {
        MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Subdomain, errors);
        if (obj.GetObject("series") is { } series)
        {
            if ((series.GetInt64("count") ?? 0) < 2)
            {
                errors.Add(FieldError.InvalidString("series.count", "", "should be at least 2"));
            }

            if (series.GetTime("lastObservedTime") is null)
            {
                errors.Add(FieldError.Required("series.lastObservedTime"));
            }
        }

        if (obj.GetTime("eventTime") is null)
        {
            errors.Add(FieldError.Required("eventTime"));
        }

        var type = obj.GetStringOrEmpty("type");
        if (type is not ("Normal" or "Warning"))
        {
            errors.Add(FieldError.InvalidString("type", "", "has invalid value: " + type));
        }

        foreach (var (field, name) in (ReadOnlySpan<(string, string)>)[("deprecatedFirstTimestamp", "firstTimestamp"), ("deprecatedLastTimestamp", "lastTimestamp")])
        {
            if (obj.GetTime(field) is not null)
            {
                errors.Add(FieldError.InvalidString(name, "", "needs to be unset"));
            }
        }

        if ((obj.GetInt64("deprecatedCount") ?? 0) != 0)
        {
            errors.Add(FieldError.InvalidString("count", "", "needs to be unset"));
        }

        var source = obj.GetObject("deprecatedSource");
        if (source.GetStringOrEmpty("component").Length > 0 || source.GetStringOrEmpty("host").Length > 0)
        {
            errors.Add(FieldError.InvalidString("source", "", "needs to be unset"));
        }
    }
}
