using Keelson.Core.Audit;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Executors;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Flows;

/// <summary>Composition of flows: the engine (a hosted service), the service the API uses, the executors and the action gate.</summary>
public static class FlowsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FlowService"/>, the <see cref="FlowEngine"/> (started with the host), every
    /// built-in executor, and <see cref="AllowAllActionGate"/> unless an <see cref="IActionGate"/> is
    /// registered. Needs a migrated <see cref="KeelsonDatabase"/>, the audit log and the cluster registry
    /// (<c>AddKeelsonClusters</c>). Bind configuration with
    /// <c>configure: o =&gt; configuration.GetSection(FlowOptions.Section).Bind(o)</c>; out-of-range settings stop the host at start.
    /// </summary>
    public static IServiceCollection AddKeelsonFlows(this IServiceCollection services, Action<FlowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeelsonAudit();
        services.AddHttpClient(Webhook.ClientName);
        services.AddOptions<FlowOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlowOptions>, FlowOptionsValidator>());
        services.TryAddSingleton<IActionGate, AllowAllActionGate>();

        services.AddFlowExecutor<KubeApplyExecutor>();
        services.AddFlowExecutor<KubePatchExecutor>();
        services.AddFlowExecutor<KubeDeleteExecutor>();
        services.AddFlowExecutor<KubeScaleExecutor>();
        services.AddFlowExecutor<KubeCordonExecutor>();
        services.AddFlowExecutor<KubeUncordonExecutor>();
        services.AddFlowExecutor<KubeEvictExecutor>();
        services.AddFlowExecutor<KubeDrainExecutor>();
        services.AddFlowExecutor<KubeWaitExecutor>();
        services.AddFlowExecutor<HttpCallExecutor>();
        services.AddFlowExecutor<ApprovalExecutor>();
        services.AddFlowExecutor<SleepExecutor>();
        services.AddFlowExecutor<SoakExecutor>();
        services.AddFlowExecutor<NotifyExecutor>();
        services.AddFlowExecutor<FlowRunExecutor>();

        services.TryAddSingleton(sp => new FlowExecutors(sp.GetServices<FlowExecutor>()));
        services.TryAddSingleton(sp => new FlowValidator(sp.GetRequiredService<FlowExecutors>()));
        services.TryAddSingleton(sp => new FlowStore(sp.GetRequiredService<KeelsonDatabase>()));
        services.TryAddSingleton(sp => new FlowDefinitions(sp.GetRequiredService<FlowStore>(), sp.GetRequiredService<FlowValidator>()));
        services.TryAddSingleton(sp => new FlowPlanner(sp.GetRequiredService<FlowStore>(), sp.GetRequiredService<FlowDefinitions>()));
        services.TryAddSingleton(sp => new FlowEngine(
            sp.GetRequiredService<KeelsonDatabase>(),
            sp.GetRequiredService<FlowStore>(),
            sp.GetRequiredService<FlowDefinitions>(),
            sp.GetRequiredService<FlowExecutors>(),
            sp.GetRequiredService<IActionGate>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<FlowOptions>>(),
            sp.GetRequiredService<ILogger<FlowEngine>>()));
        services.AddHostedService(sp => sp.GetRequiredService<FlowEngine>());
        services.TryAddSingleton(sp => new FlowService(
            sp.GetRequiredService<KeelsonDatabase>(),
            sp.GetRequiredService<FlowStore>(),
            sp.GetRequiredService<FlowDefinitions>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<FlowEngine>(),
            sp.GetRequiredService<FlowPlanner>()));
        return services;
    }

    /// <summary>Registers an executor (a singleton); its <see cref="FlowExecutor.Name"/> is what tasks put under <c>uses</c>.</summary>
    public static IServiceCollection AddFlowExecutor<TExecutor>(this IServiceCollection services)
        where TExecutor : FlowExecutor
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FlowExecutor, TExecutor>());
        return services;
    }
}
