using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// ConfigMaps and Secrets: key names, total size under 1 MiB, and once <c>immutable</c> is true, data (and the
/// flag itself) frozen. Secrets also keep their type and carry the keys their type requires.
/// </summary>
internal sealed class ConfigMapValidator(bool isSecret) : IKindValidator
{
    private const int MaxTotalBytes = 1024 * 1024;

    /// <summary>The validator of ConfigMaps.</summary>
    public static ConfigMapValidator ConfigMap { get; } = new(isSecret: false);

    /// <summary>The validator of Secrets.</summary>
    public static ConfigMapValidator Secret { get; } = new(isSecret: true);

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is not null)
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
            if (isSecret && obj.GetStringOrEmpty("type") != old.GetStringOrEmpty("type"))
            {
                errors.Add(FieldError.InvalidString("type", obj.GetStringOrEmpty("type"), ValidationMessages.Immutable));
            }

            if (old.GetBoolean("immutable") == true)
            {
                if (obj.GetBoolean("immutable") != true)
                {
                    errors.Add(FieldError.Forbidden("immutable", ValidationMessages.ImmutableWhenSet));
                }

                foreach (var field in isSecret ? (string[])["data"] : ["data", "binaryData"])
                {
                    if (!JsonNode.DeepEquals(obj[field], old[field]))
                    {
                        errors.Add(FieldError.Forbidden(field, ValidationMessages.ImmutableWhenSet));
                    }
                }
            }
        }

        MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1123Subdomain, errors);
        if (isSecret)
        {
            ValidateSecretData(obj, errors);
        }
        else
        {
            ValidateConfigMapData(obj, errors);
        }
    }

    private static void ValidateConfigMapData(JsonObject obj, List<FieldError> errors)
    {
        var size = 0L;
        var data = obj.GetObject("data");
        var binaryData = obj.GetObject("binaryData");
        foreach (var (key, value) in (data ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            errors.AddRange(NameRules.IsConfigMapKey(key).Select(message => FieldError.InvalidString($"data[{key}]", key, message)));
            if (binaryData?.ContainsKey(key) == true)
            {
                errors.Add(FieldError.InvalidString($"data[{key}]", key, "duplicate of key present in binaryData"));
            }

            size += Encoding.UTF8.GetByteCount(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
        }

        foreach (var (key, value) in (binaryData ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            errors.AddRange(NameRules.IsConfigMapKey(key).Select(message => FieldError.InvalidString($"binaryData[{key}]", key, message)));
            if (data?.ContainsKey(key) == true)
            {
                errors.Add(FieldError.InvalidString($"binaryData[{key}]", key, "duplicate of key present in data"));
            }

            size += DecodedLength(value);
        }

        // The error names no field: it is about the whole object.
        if (size > MaxTotalBytes)
        {
            errors.Add(FieldError.TooLong("", MaxTotalBytes));
        }
    }

    private static void ValidateSecretData(JsonObject obj, List<FieldError> errors)
    {
        var data = obj.GetObject("data");
        var size = 0L;
        foreach (var (key, value) in (data ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            errors.AddRange(NameRules.IsConfigMapKey(key).Select(message => FieldError.InvalidString($"data[{key}]", key, message)));
            size += DecodedLength(value);
        }

        if (size > MaxTotalBytes)
        {
            errors.Add(FieldError.TooLong("data", MaxTotalBytes));
        }

        bool Has(string key) => data?.ContainsKey(key) == true;
        switch (obj.GetStringOrEmpty("type"))
        {
            case "kubernetes.io/service-account-token":
                if (obj.GetObject("metadata").GetObject("annotations").GetStringOrEmpty("kubernetes.io/service-account.name").Length == 0)
                {
                    errors.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                }

                break;
            case "kubernetes.io/dockercfg" when !Has(".dockercfg"):
                errors.Add(FieldError.Required("data[.dockercfg]"));
                break;
            case "kubernetes.io/dockerconfigjson" when !Has(".dockerconfigjson"):
                errors.Add(FieldError.Required("data[.dockerconfigjson]"));
                break;
            case "kubernetes.io/basic-auth" when !Has("username") && !Has("password"):
                errors.Add(FieldError.Required("data[username]"));
                errors.Add(FieldError.Required("data[password]"));
                break;
            case "kubernetes.io/ssh-auth" when DecodedLength(data?["ssh-privatekey"]) == 0:
                errors.Add(FieldError.Required("data[ssh-privatekey]"));
                break;
            case "kubernetes.io/tls":
                if (!Has("tls.crt"))
                {
                    errors.Add(FieldError.Required("data[tls.crt]"));
                }

                if (!Has("tls.key"))
                {
                    errors.Add(FieldError.Required("data[tls.key]"));
                }

                break;
        }
    }

    // Secret data and ConfigMap binaryData are base64 on the wire; the limit counts the decoded bytes.
    private static long DecodedLength(JsonNode? value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        var padding = text.EndsWith("==", StringComparison.Ordinal) ? 2 : text.EndsWith('=') ? 1 : 0;
        return Math.Max(0, (text.Length / 4 * 3) - padding);
    }
}
