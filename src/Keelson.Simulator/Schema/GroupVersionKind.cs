namespace Keelson.Simulator.Schema;

/// <summary>The group, version and kind that identify an API type.</summary>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Version">Version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary><c>v1</c> for the core group, <c>group/version</c> otherwise — the object's <c>apiVersion</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Builds the identity from an object's <c>apiVersion</c> and <c>kind</c>.</summary>
    public static GroupVersionKind FromApiVersion(string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0
            ? new GroupVersionKind("", apiVersion, kind)
            : new GroupVersionKind(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }

    /// <summary>Go's rendering, as in server messages: <c>apps/v1, Kind=Deployment</c> or <c>/v1, Kind=Pod</c>.</summary>
    public override string ToString() => $"{Group}/{Version}, Kind={Kind}";
}
