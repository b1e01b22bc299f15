using Keelson.Core.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Fleet;

/// <summary>Composition of the live fleet view.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="FleetView"/> and the hosted service that keeps it following the cluster
    /// registry (needs <c>AddKeelsonClusters</c>, and <c>AddKeelsonAccess</c> for the endpoints), its
    /// <c>/metrics</c> series (<see cref="FleetMetrics"/>) and its readiness check (<see cref="FleetReadiness"/>, add it to the health checks).
    /// Bind configuration with <c>configure: o =&gt; configuration.GetSection(FleetOptions.Section).Bind(o)</c>;
    /// out-of-range settings stop the host at start.
    /// </summary>
    public static IServiceCollection AddKeelsonFleet(this IServiceCollection services, Action<FleetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FleetOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FleetView>();
        services.TryAddSingleton<FleetReconciler>();
        services.TryAddSingleton<FleetReadiness>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricsSource, FleetMetrics>());
        services.AddHostedService<FleetService>();
        return services;
    }
}
