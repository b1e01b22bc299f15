using Keelson.Core.Access;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keelson.Core.Flows.Api;

/// <summary>Composition of the flows REST API.</summary>
public static class FlowApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds flows (<see cref="FlowsServiceCollectionExtensions.AddKeelsonFlows"/>) with
    /// <paramref name="settings"/>, and what its endpoints need: the authorization of runs by the
    /// clusters they target and the problem details of flow refusals. Map them with
    /// <see cref="FlowEndpoints.MapKeelsonFlows"/>; needs <c>AddKeelsonAccess</c> and <c>AddKeelsonClusters</c>.
    /// </summary>
    public static IServiceCollection AddKeelsonFlowsApi(this IServiceCollection services, FlowOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddKeelsonFlows(o =>
        {
            o.ReplicaName = settings.ReplicaName;
            o.MaxConcurrentTasks = settings.MaxConcurrentTasks;
            o.MaxTasksPerFlow = settings.MaxTasksPerFlow;
            o.MaxTasksPerCluster = settings.MaxTasksPerCluster;
            o.MaxOwnedRuns = settings.MaxOwnedRuns;
            o.LeaseDuration = settings.LeaseDuration;
            o.PollInterval = settings.PollInterval;
        });
        services.TryAddSingleton(sp => new FlowTargets(sp.GetRequiredService<FlowStore>(), sp.GetRequiredService<FlowDefinitions>()));
        services.TryAddSingleton(sp => new FlowAccess(sp.GetRequiredService<AccessAuthorizer>(), sp.GetRequiredService<ClusterRegistry>()));
        services.AddExceptionHandler<FlowProblems>();
        return services;
    }
}
