using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Protection;

/// <summary>Registers ASP.NET Core Data Protection with Keelson's key ring.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>The Data Protection application name: the same on every replica, so they share keys.</summary>
    public const string ApplicationName = "keelson";

    /// <summary>
    /// Adds Data Protection (for cluster credentials at rest and session cookies) with its key ring in
    /// the database (the default: every replica shares it) or in <paramref name="keyDirectory"/>, and
    /// <see cref="KeyRing"/> to list and rotate keys. Needs a migrated <see cref="KeelsonDatabase"/>
    /// registered by the host.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="keyDirectory">
    /// A directory for the key ring (e.g. the data directory's <c>keys</c>), or null for the database.
    /// A directory keeps keys out of database backups, but several replicas then need a shared volume.
    /// </param>
    /// <param name="keyEncryptionCertificate">
    /// A certificate (with its private key) that encrypts every key of the ring before it is stored,
    /// see <see cref="KeyEncryptionCertificate"/>; null stores keys unencrypted (tests only).
    /// </param>
    public static IServiceCollection AddKeelsonProtection(this IServiceCollection services, string? keyDirectory = null, System.Security.Cryptography.X509Certificates.X509Certificate2? keyEncryptionCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeelsonAudit();
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (keyEncryptionCertificate is not null)
        {
            protection.ProtectKeysWithCertificate(keyEncryptionCertificate).UnprotectKeysWithAnyCertificate(keyEncryptionCertificate);
        }

        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
            options.XmlRepository = keyDirectory is null
                ? new DatabaseXmlRepository(provider.GetRequiredService<KeelsonDatabase>(), provider.GetRequiredService<TimeProvider>())
                : new FileSystemXmlRepository(new DirectoryInfo(keyDirectory), provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<KeyRing>();
        return services;
    }
}
