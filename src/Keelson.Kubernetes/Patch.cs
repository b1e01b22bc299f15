using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes;

/// <summary>A patch body and its type.</summary>
/// <param name="Type">How the server interprets the body.</param>
/// <param name="Body">The UTF-8 body.</param>
public sealed record Patch(PatchType Type, byte[] Body)
{
    /// <summary>A JSON merge patch from any serializable value (anonymous objects work).</summary>
    public static Patch Merge(object patch) => new(PatchType.Merge, KubernetesJson.SerializeToUtf8Bytes(patch));

    /// <summary>A strategic merge patch from any serializable value.</summary>
    public static Patch StrategicMerge(object patch) => new(PatchType.StrategicMerge, KubernetesJson.SerializeToUtf8Bytes(patch));

    /// <summary>A JSON patch from a list of operations (<c>{ op, path, value }</c> objects).</summary>
    public static Patch Json(object operations) => new(PatchType.Json, KubernetesJson.SerializeToUtf8Bytes(operations));

    /// <summary>The media type sent as Content-Type.</summary>
    public string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/apply-patch+yaml",
    };
}
