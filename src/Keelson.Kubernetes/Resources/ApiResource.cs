namespace Keelson.Kubernetes.Resources;

/// <summary>Where a kind lives in the API: its group, version, plural resource name and scope.</summary>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ApiResource(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary><c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The path of the group version: <c>/api/v1</c> or <c>/apis/group/version</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The collection path in a namespace (or cluster-wide when <paramref name="namespace"/> is null).</summary>
    public string CollectionPath(string? @namespace) =>
        Namespaced && !string.IsNullOrEmpty(@namespace)
            ? $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}"
            : $"{GroupVersionPath}/{Plural}";

    /// <summary>The path of one object.</summary>
    public string ItemPath(string? @namespace, string name) =>
        $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";

    /// <inheritdoc />
    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "" : Group + "/")}{Version}";
}
