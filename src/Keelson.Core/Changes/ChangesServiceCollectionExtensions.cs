using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Fleet;
using Keelson.Core.Flows;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keelson.Core.Changes;

/// <summary>Composition of change control.</summary>
public static class ChangesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ChangeService"/>, <see cref="ChangeRules"/>, and change control as the flows'
    /// <see cref="IRunAdmission"/> (replacing the admit-everything default of <c>AddKeelsonFlows</c>, in either order). Needs a migrated <see cref="KeelsonDatabase"/>; uses the <see cref="FleetView"/>
    /// for blast radii when one is registered.
    /// </summary>
    public static IServiceCollection AddKeelsonChanges(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeelsonAudit();
        services.AddHttpClient(ChangeWebhooks.ClientName);
        services.TryAddSingleton(sp => new AccessAuthorizer(sp.GetRequiredService<KeelsonDatabase>()));
        services.TryAddSingleton(sp => new ChangeStore(sp.GetRequiredService<KeelsonDatabase>()));
        services.TryAddSingleton(sp => new ChangeWebhooks(sp.GetRequiredService<IHttpClientFactory>()));
        services.TryAddSingleton(sp => new ChangeEvaluator(sp.GetRequiredService<ChangeStore>(), sp.GetRequiredService<ChangeWebhooks>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChangeControl(
            sp.GetRequiredService<ChangeStore>(),
            sp.GetRequiredService<ChangeEvaluator>(),
            new BlastRadiusCalculator(sp.GetService<FleetView>()),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<TimeProvider>()));
        // Replaces the admit-everything default whichever of AddKeelsonFlows and this runs first.
        services.Replace(ServiceDescriptor.Singleton<IRunAdmission>(sp => new ChangeAdmission(sp.GetRequiredService<ChangeControl>(), sp.GetRequiredService<FlowPlanner>())));
        services.TryAddSingleton(sp => new ChangeRules(sp.GetRequiredService<ChangeStore>(), sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChangeService(
            sp.GetRequiredService<ChangeControl>(),
            sp.GetRequiredService<FlowService>(),
            sp.GetRequiredService<AccessAuthorizer>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
