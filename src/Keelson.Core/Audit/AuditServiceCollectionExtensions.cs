using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keelson.Core.Audit;

/// <summary>Registers Keelson's audit trail.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AuditLog"/> (singleton) and the system <see cref="TimeProvider"/> unless one is
    /// registered. Needs a migrated <see cref="Storage.KeelsonDatabase"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddKeelsonAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        return services;
    }
}
