using Keelson.Simulator.Store;

namespace Keelson.Simulator.Api;

/// <summary>What a resource path addresses: a collection or one object, maybe a subresource.</summary>
/// <param name="Kind">The resource.</param>
/// <param name="Namespace">The namespace in the path, or null (cluster-scoped, or all namespaces).</param>
/// <param name="Name">The object's name, or null for the collection.</param>
/// <param name="Subresource">status, scale, eviction, binding, log — or null.</param>
/// <param name="LegacyWatch">Whether the path used the old <c>/watch/</c> prefix.</param>
public sealed record RequestTarget(ResourceKind Kind, string? Namespace, string? Name, string? Subresource, bool LegacyWatch)
{
    /// <summary>
    /// Parses the part of a path after <c>/api/v1</c> or <c>/apis/GROUP/VERSION</c>, e.g.
    /// <c>namespaces/default/pods/web-1/log</c>. Null when nothing is served there.
    /// </summary>
    public static RequestTarget? Parse(ResourceCatalog catalog, string group, string version, ReadOnlySpan<char> rest)
    {
        var segments = rest.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var legacyWatch = segments.Length > 0 && segments[0] == "watch";
        if (legacyWatch)
        {
            segments = segments[1..];
        }

        string? ns = null;
        if (segments.Length >= 3 && segments[0] == "namespaces" && Find(catalog, group, version, segments[2]) is { Resource.Namespaced: true })
        {
            ns = Uri.UnescapeDataString(segments[1]);
            segments = segments[2..];
        }

        if (segments.Length is 0 or > 3 || Find(catalog, group, version, segments[0]) is not { } kind)
        {
            return null;
        }

        var name = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : null;
        var sub = segments.Length > 2 ? segments[2] : null;
        if (sub is not null && !kind.Subresources.Contains(sub))
        {
            return null;
        }

        return new RequestTarget(kind, ns, name, sub, legacyWatch);
    }

    private static ResourceKind? Find(ResourceCatalog catalog, string group, string version, string plural) =>
        catalog.ByPlural(group, plural) is { } kind && kind.Resource.Version == version ? kind : null;
}
