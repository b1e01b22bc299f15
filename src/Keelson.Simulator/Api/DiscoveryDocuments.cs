using System.Text.Json.Nodes;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Api;

/// <summary>
/// The discovery documents of the served resources: the plain ones every client reads
/// (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/GROUP/VERSION</c>) and the aggregated
/// <c>apidiscovery.k8s.io</c> list that kubectl 1.27+ asks for first. Built once.
/// </summary>
public sealed class DiscoveryDocuments
{
    private readonly ResourceCatalog _catalog;
    private readonly Dictionary<string, byte[]> _resourceLists = [];

    /// <summary>Builds the documents for <paramref name="catalog"/>.</summary>
    public DiscoveryDocuments(ResourceCatalog catalog)
    {
        _catalog = catalog;
        foreach (var gv in catalog.GroupVersions)
        {
            _resourceLists[gv] = JsonPaths.Serialize(ResourceList(gv));
        }

        GroupList = JsonPaths.Serialize(BuildGroupList());
    }

    /// <summary><c>/apis</c>.</summary>
    public byte[] GroupList { get; }

    /// <summary><c>/api</c>.</summary>
    public static byte[] CoreVersions(string serverAddress) => JsonPaths.Serialize(new JsonObject
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    });

    /// <summary><c>/api/v1</c> or <c>/apis/GROUP/VERSION</c>, or null when not served.</summary>
    public byte[]? ResourceListFor(string groupVersion) => _resourceLists.GetValueOrDefault(groupVersion);

    /// <summary><c>/apis/GROUP</c>, or null when not served.</summary>
    public byte[]? Group(string group)
    {
        var versions = Versions(group);
        return versions.Count == 0 ? null : JsonPaths.Serialize(GroupObject(group, versions, standalone: true));
    }

    /// <summary>
    /// The aggregated discovery list for <c>/api</c> (core) or <c>/apis</c> (named groups), in
    /// <paramref name="discoveryVersion"/> <c>v2</c> or <c>v2beta1</c>.
    /// </summary>
    public byte[] Aggregated(bool core, string discoveryVersion)
    {
        var items = new JsonArray();
        foreach (var group in _catalog.Kinds.Select(k => k.Resource.Group).Distinct().Where(g => (g.Length == 0) == core))
        {
            var versions = new JsonArray();
            foreach (var version in Versions(group))
            {
                var resources = new JsonArray();
                foreach (var kind in KindsOf(group, version))
                {
                    var resource = new JsonObject
                    {
                        ["resource"] = kind.Resource.Plural,
                        ["responseKind"] = Gvk(kind.Resource.Group, kind.Resource.Version, kind.Resource.Kind),
                        ["scope"] = kind.Resource.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = kind.Singular,
                        ["verbs"] = Strings(kind.Verbs),
                    };
                    if (kind.ShortNames.Count > 0)
                    {
                        resource["shortNames"] = Strings(kind.ShortNames);
                    }

                    if (kind.Categories.Count > 0)
                    {
                        resource["categories"] = Strings(kind.Categories);
                    }

                    if (kind.Subresources.Count > 0)
                    {
                        resource["subresources"] = new JsonArray([.. kind.Subresources.Select(sub =>
                        {
                            var (g, v, k, verbs) = Subresource(kind, sub);
                            return (JsonNode)new JsonObject { ["subresource"] = sub, ["responseKind"] = Gvk(g, v, k), ["verbs"] = Strings(verbs) };
                        })]);
                    }

                    resources.Add(resource);
                }

                versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }

            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = versions,
            });
        }

        return JsonPaths.Serialize(new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = $"apidiscovery.k8s.io/{discoveryVersion}",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        });
    }

    private JsonObject BuildGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. _catalog.Kinds.Select(k => k.Resource.Group).Distinct().Where(g => g.Length > 0)
            .Select(g => (JsonNode)GroupObject(g, Versions(g), standalone: false))]),
    };

    private static JsonObject GroupObject(string group, List<string> versions, bool standalone)
    {
        var obj = new JsonObject();
        if (standalone)
        {
            obj["kind"] = "APIGroup";
            obj["apiVersion"] = "v1";
        }

        obj["name"] = group;
        obj["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v })]);
        obj["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] };
        return obj;
    }

    private JsonObject ResourceList(string groupVersion)
    {
        var slash = groupVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : groupVersion[..slash];
        var version = slash < 0 ? groupVersion : groupVersion[(slash + 1)..];
        var resources = new JsonArray();
        foreach (var kind in KindsOf(group, version))
        {
            var resource = new JsonObject
            {
                ["name"] = kind.Resource.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Resource.Namespaced,
                ["kind"] = kind.Resource.Kind,
                ["verbs"] = Strings(kind.Verbs),
            };
            if (kind.ShortNames.Count > 0)
            {
                resource["shortNames"] = Strings(kind.ShortNames);
            }

            if (kind.Categories.Count > 0)
            {
                resource["categories"] = Strings(kind.Categories);
            }

            resources.Add(resource);
            foreach (var sub in kind.Subresources)
            {
                var (g, v, k, verbs) = Subresource(kind, sub);
                var entry = new JsonObject
                {
                    ["name"] = $"{kind.Resource.Plural}/{sub}",
                    ["singularName"] = "",
                    ["namespaced"] = kind.Resource.Namespaced,
                };
                if (g != kind.Resource.Group || v != kind.Resource.Version)
                {
                    entry["group"] = g;
                    entry["version"] = v;
                }

                entry["kind"] = k;
                entry["verbs"] = Strings(verbs);
                resources.Add(entry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = resources,
        };
    }

    /// <summary>What a subresource answers with and which verbs it takes, as kube-apiserver reports them.</summary>
    private static (string Group, string Version, string Kind, string[] Verbs) Subresource(ResourceKind kind, string sub) => sub switch
    {
        "scale" => ("autoscaling", "v1", "Scale", ["get", "patch", "update"]),
        "eviction" => ("policy", "v1", "Eviction", ["create"]),
        "binding" => ("", "v1", "Binding", ["create"]),
        "log" => (kind.Resource.Group, kind.Resource.Version, kind.Resource.Kind, ["get"]),
        "finalize" => (kind.Resource.Group, kind.Resource.Version, kind.Resource.Kind, ["update"]),
        _ => (kind.Resource.Group, kind.Resource.Version, kind.Resource.Kind, ["get", "patch", "update"]),
    };

    private List<string> Versions(string group) =>
        [.. _catalog.Kinds.Where(k => k.Resource.Group == group).Select(k => k.Resource.Version).Distinct()];

    private IEnumerable<ResourceKind> KindsOf(string group, string version) =>
        _catalog.Kinds.Where(k => k.Resource.Group == group && k.Resource.Version == version);

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
