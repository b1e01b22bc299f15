using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Guardrails;

/// <summary>Composition of guardrails: the action gate, the service the API uses, the plan check and the notifier.</summary>
public static class GuardrailsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GuardrailService"/> and makes guardrails the flows' <see cref="IActionGate"/>
    /// (replacing the allow-all default whether flows were added before or after) and one of their
    /// <see cref="IFlowPlanCheck"/>s. Needs a migrated <see cref="KeelsonDatabase"/>. Bind configuration with
    /// <c>configure: o =&gt; configuration.GetSection(GuardrailOptions.Section).Bind(o)</c>; invalid settings stop the host at start.
    /// </summary>
    public static IServiceCollection AddKeelsonGuardrails(this IServiceCollection services, Action<GuardrailOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeelsonAudit();
        services.AddHttpClient(GuardrailNotifier.ClientName);
        services.AddOptions<GuardrailOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailOptions>, GuardrailOptionsValidator>());
        services.TryAddSingleton(sp => new GuardrailStore(sp.GetRequiredService<KeelsonDatabase>()));
        services.TryAddSingleton<GuardrailNotifier>();
        services.TryAddSingleton(sp => new GuardrailService(
            sp.GetRequiredService<KeelsonDatabase>(),
            sp.GetRequiredService<GuardrailStore>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<GuardrailOptions>>()));
        services.Replace(ServiceDescriptor.Singleton<IActionGate, GuardrailGate>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFlowPlanCheck, GuardrailPlanCheck>());
        return services;
    }
}
