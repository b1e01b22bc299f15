using Keelson.Simulator.Store;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>
/// The strategy of each kind, by kind name; kinds without one get only the generic behaviour.
/// Defaults (status reset on create, QoS class, stringData...) are the defaulter's, not a strategy's.
/// </summary>
internal static class KindStrategies
{
    private static readonly Dictionary<string, IKindStrategy> ByKind = new(StringComparer.Ordinal)
    {
        ["Pod"] = new PodStrategy(),
        ["Namespace"] = new NamespaceStrategy(),
        ["Service"] = new ServiceStrategy(),
    };

    /// <summary>The strategy for <paramref name="kind"/>, or null.</summary>
    public static IKindStrategy? For(ResourceKind kind) =>
        kind.Resource.Group == "" && ByKind.TryGetValue(kind.Resource.Kind, out var strategy) ? strategy : null;
}
