using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>Validating label selectors (<c>ValidateLabelSelector</c>) and matching them against labels.</summary>
internal static class LabelSelectors
{
    /// <summary>Checks matchLabels like labels and each matchExpression's key, operator and values.</summary>
    public static void Validate(JsonObject? selector, string path, List<FieldError> errors)
    {
        if (selector is null)
        {
            return;
        }

        MetadataValidation.ValidateLabels(selector.GetObject("matchLabels"), path + ".matchLabels", errors);
        var index = 0;
        foreach (var expression in selector.GetArray("matchExpressions").Objects())
        {
            var expressionPath = $"{path}.matchExpressions[{index++}]";
            var values = expression.GetArray("values");
            var operatorName = expression.GetStringOrEmpty("operator");
            switch (operatorName)
            {
                case "In" or "NotIn":
                    if (values is null || values.Count == 0)
                    {
                        errors.Add(FieldError.Required(expressionPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    }

                    break;
                case "Exists" or "DoesNotExist":
                    if (values?.Count > 0)
                    {
                        errors.Add(FieldError.Forbidden(expressionPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }

                    break;
                default:
                    errors.Add(FieldError.InvalidString(expressionPath + ".operator", operatorName, "not a valid selector operator"));
                    break;
            }

            MetadataValidation.ValidateLabelName(expression.GetStringOrEmpty("key"), expressionPath + ".key", errors);
            var valueIndex = 0;
            foreach (var value in values ?? [])
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                var valuePath = $"{expressionPath}.values[{valueIndex++}]";
                errors.AddRange(NameRules.IsValidLabelValue(text).Select(message => FieldError.InvalidString(valuePath, text, message)));
            }
        }
    }

    /// <summary>True when the selector has no requirement at all (selects everything).</summary>
    public static bool IsEmpty(JsonObject selector) =>
        (selector.GetObject("matchLabels")?.Count ?? 0) + (selector.GetArray("matchExpressions")?.Count ?? 0) == 0;

    /// <summary>
    /// Whether a selector matches a set of labels: an absent selector matches nothing, an empty one everything.
    /// False with <paramref name="valid"/> false when the selector cannot be parsed.
    /// </summary>
    public static bool Matches(JsonObject? selector, JsonObject? labels, out bool valid)
    {
        valid = true;
        if (selector is null)
        {
            return false;
        }

        string? Label(string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var matches = true;
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            matches &= Label(key) == (value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
        }

        foreach (var expression in selector.GetArray("matchExpressions").Objects())
        {
            var actual = Label(expression.GetStringOrEmpty("key"));
            var values = expression.GetArray("values")?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToHashSet(StringComparer.Ordinal) ?? [];
            switch (expression.GetStringOrEmpty("operator"))
            {
                case "In" when values.Count > 0:
                    matches &= actual is not null && values.Contains(actual);
                    break;
                case "NotIn" when values.Count > 0:
                    matches &= actual is null || !values.Contains(actual);
                    break;
                case "Exists" when values.Count == 0:
                    matches &= actual is not null;
                    break;
                case "DoesNotExist" when values.Count == 0:
                    matches &= actual is null;
                    break;
                default:
                    valid = false;
                    return false;
            }
        }

        return matches;
    }
}
