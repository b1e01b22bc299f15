using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Clusters;

/// <summary>Composition of the cluster registry.</summary>
public static class ClustersServiceCollectionExtensions
{
    /// <summary>Adds the registry and the per-cluster client cache (needs storage, protection and audit).</summary>
    public static IServiceCollection AddKeelsonClusters(this IServiceCollection services)
    {
        services.AddSingleton<ClusterRegistry>();
        services.AddSingleton<ClusterClients>();
        return services;
    }
}
