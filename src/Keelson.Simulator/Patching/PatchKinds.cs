namespace Keelson.Simulator.Patching;

/// <summary>Maps PATCH content types to <see cref="PatchKind"/>.</summary>
public static class PatchKinds
{
    /// <summary>The content types kube-apiserver accepts for PATCH, as its 415 answer lists them.</summary>
    public static IReadOnlyList<string> ContentTypes { get; } =
    [
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ];

    /// <summary>Finds the patch kind of a <c>Content-Type</c> header; parameters such as <c>charset</c> are ignored.</summary>
    /// <returns>False for any other content type; kube-apiserver answers those with 415 Unsupported Media Type.</returns>
    public static bool TryParse(string? contentType, out PatchKind kind)
    {
        var mediaType = (contentType ?? "").Split(';', 2)[0].Trim();
        switch (mediaType)
        {
            case "application/json-patch+json":
                kind = PatchKind.JsonPatch;
                return true;
            case "application/merge-patch+json":
                kind = PatchKind.MergePatch;
                return true;
            case "application/strategic-merge-patch+json":
                kind = PatchKind.StrategicMergePatch;
                return true;
            case "application/apply-patch+yaml":
                kind = PatchKind.Apply;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
