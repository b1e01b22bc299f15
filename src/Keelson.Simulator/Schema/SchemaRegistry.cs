using System.Collections.Frozen;
using Keelson.Simulator.Schema.Definitions;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Every schema the simulator knows: the OpenAPI definitions of the served kinds (Kubernetes 1.30 shapes)
/// and the resources that serve them. <see cref="BuiltIn"/> is parsed once, on first use.
/// </summary>
public sealed class SchemaRegistry
{
    private static readonly Lazy<SchemaRegistry> BuiltInRegistry = new(() => new SchemaRegistry(BuiltInDefinitions.Sources));

    private readonly FrozenDictionary<string, TypeSchema> _definitions;
    private readonly FrozenDictionary<GroupVersionKind, TypeSchema> _byKind;
    private readonly FrozenDictionary<GroupVersionKind, ResourceDefinition> _resourcesByKind;

    internal SchemaRegistry(IEnumerable<(string Source, string Text)> sources)
    {
        var (definitions, resources) = SchemaParser.Parse(sources);
        _definitions = definitions.ToFrozenDictionary(StringComparer.Ordinal);
        Resources = resources;
        _byKind = _definitions.Values
            .SelectMany(d => d.GroupVersionKinds.Select(gvk => (gvk, d)))
            .GroupBy(p => p.gvk)
            .ToFrozenDictionary(g => g.Key, g => g.First().d);
        _resourcesByKind = resources
            .GroupBy(r => r.GroupVersionKind)
            .ToFrozenDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The schemas of the kinds the simulator serves.</summary>
    public static SchemaRegistry BuiltIn => BuiltInRegistry.Value;

    /// <summary>Every named definition, keyed by OpenAPI name (<c>io.k8s.api.apps.v1.Deployment</c>).</summary>
    public IReadOnlyDictionary<string, TypeSchema> Definitions => _definitions;

    /// <summary>The served resources, in the order they are declared.</summary>
    public IReadOnlyList<ResourceDefinition> Resources { get; }

    /// <summary>The top-level schema of a kind (including list kinds), or null when the kind is not known.</summary>
    /// <param name="apiVersion">The object's <c>apiVersion</c>, e.g. <c>apps/v1</c> or <c>v1</c>.</param>
    /// <param name="kind">The object's <c>kind</c>, e.g. <c>Deployment</c>.</param>
    public TypeSchema? For(string apiVersion, string kind) => For(GroupVersionKind.FromApiVersion(apiVersion, kind));

    /// <summary>The top-level schema of a kind, or null when the kind is not known.</summary>
    public TypeSchema? For(GroupVersionKind gvk) => _byKind.GetValueOrDefault(gvk);

    /// <summary>The resource that serves a kind, or null.</summary>
    public ResourceDefinition? ResourceFor(GroupVersionKind gvk) => _resourcesByKind.GetValueOrDefault(gvk);

    /// <summary>The resource served at <c>/apis/{group}/{version}/{plural}</c>, or null.</summary>
    public ResourceDefinition? ResourceFor(string group, string version, string plural) =>
        Resources.FirstOrDefault(r => r.Resource.Group == group && r.Resource.Version == version && r.Resource.Plural == plural);
}
