using System.Text.Json.Nodes;

namespace Keelson.Core.Audit;

/// <summary>
/// The safety net that keeps secrets out of audit details: a value stored under a key that names a
/// secret is replaced, at any depth. Callers should not pass secrets in the first place.
/// </summary>
internal static class AuditRedaction
{
    public const string Redacted = "[redacted]";

    // Substrings of keys that always hold secrets.
    private static readonly string[] SecretParts = ["password", "passwd", "secret", "credential", "privatekey", "private_key", "authorization", "kubeconfig"];

    // Whole keys: "token" holds a token, while "tokenName" or "tokenId" do not.
    private static readonly string[] SecretKeys = ["token", "apitoken", "api_token", "bearertoken", "bearer_token", "plaintext"];

    public static string? Serialize(JsonObject? details)
    {
        if (details is null)
        {
            return null;
        }

        var copy = (JsonObject)details.DeepClone();
        Redact(copy);
        return copy.ToJsonString();
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecret(key))
                    {
                        obj[key] = Redacted;
                    }
                    else
                    {
                        Redact(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }

    private static bool IsSecret(string key)
    {
        var lower = key.ToLowerInvariant();
        return SecretKeys.Contains(lower) || SecretParts.Any(p => lower.Contains(p, StringComparison.Ordinal));
    }
}
