using System.Text.Json.Nodes;

namespace Keelson.Simulator.Validation;

/// <summary>The <c>meta/v1 Status</c> bodies kube-apiserver answers with when a write does not validate.</summary>
public static class ValidationStatus
{
    /// <summary>
    /// The 422 Invalid Status for <paramref name="errors"/>: message <c>Deployment.apps "web" is invalid: [a, b]</c>
    /// (one error inline without brackets; repeated messages listed once) and one cause per error.
    /// </summary>
    /// <param name="group">The object's API group, "" for the core group.</param>
    /// <param name="kind">The object's kind.</param>
    /// <param name="name">The object's name (may be empty when only generateName was given).</param>
    /// <param name="errors">The errors <see cref="ObjectValidator.Validate"/> returned; at least one.</param>
    public static JsonObject Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(errors);

        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var distinct = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var message = distinct.Count switch
        {
            0 => $"{qualifiedKind} \"{name}\" is invalid",
            1 => $"{qualifiedKind} \"{name}\" is invalid: {distinct[0]}",
            _ => $"{qualifiedKind} \"{name}\" is invalid: [{string.Join(", ", distinct)}]",
        };

        var details = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)Cause(e))]);

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "Invalid",
            ["details"] = details,
            ["code"] = 422,
        };
    }

    /// <summary>
    /// The answer to a create that carries <c>metadata.resourceVersion</c>: kube-apiserver's storage rejects it
    /// with a bare 500 Status (no reason, no details), not a 422, and kubectl prints that message.
    /// </summary>
    public static JsonObject ResourceVersionSetOnCreate() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = "resourceVersion should not be set on objects to be created",
        ["code"] = 500,
    };

    private static JsonObject Cause(FieldError error)
    {
        var cause = new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message };
        if (error.Field.Length > 0)
        {
            cause["field"] = error.Field;
        }

        return cause;
    }
}
