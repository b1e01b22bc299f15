using System.Text.Json.Nodes;

namespace Keelson.Simulator.Patching;

/// <summary>RFC 7386 JSON merge patch, as evanphx/json-patch applies it for kube-apiserver.</summary>
internal static class JsonMergePatch
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> (changed in place) and returns the result.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            var replacement = JsonTree.Own(patch);
            JsonTree.DropNulls(replacement);
            return replacement;
        }

        if (target is not JsonObject targetObject)
        {
            targetObject = [];
        }

        foreach (var (key, value) in patchObject.ToList())
        {
            if (value is null)
            {
                targetObject.Remove(key);
                continue;
            }

            if (value is JsonObject && targetObject[key] is JsonObject current)
            {
                Apply(current, value);
            }
            else
            {
                targetObject[key] = Apply(null, value);
            }
        }

        return targetObject;
    }
}
