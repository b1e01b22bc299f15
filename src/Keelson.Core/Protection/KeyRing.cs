using Keelson.Core.Audit;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Keelson.Core.Protection;

/// <summary>
/// Operations on Keelson's Data Protection key ring: list the keys, and rotate (a new key protects
/// from now on; older keys keep unprotecting what they protected). Thread-safe singleton.
/// </summary>
public sealed class KeyRing(IKeyManager keyManager, AuditLog audit, TimeProvider time)
{
    /// <summary>How long a key made by <see cref="RotateAsync"/> protects new payloads (Data Protection's own default).</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    /// <summary>Every key, newest first.</summary>
    public IReadOnlyList<ProtectionKey> List()
    {
        var now = time.GetUtcNow();
        var keys = keyManager.GetAllKeys().OrderByDescending(k => k.ActivationDate).ToList();
        var current = keys.FirstOrDefault(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now);
        return keys.Select(k => new ProtectionKey(k.KeyId, k.CreationDate, k.ActivationDate, k.ExpirationDate, k.IsRevoked, k == current)).ToList();
    }

    /// <summary>
    /// Makes a new key that protects from now on, and records the rotation in the audit log. Other
    /// replicas pick the key up when they next read the key ring; they can unprotect its payloads at once.
    /// </summary>
    public async Task<ProtectionKey> RotateAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Data Protection's key manager is synchronous; writing one key is quick.
        var key = keyManager.CreateNewKey(now, now + KeyLifetime);
        await audit.AppendAsync(new AuditEntry(actor, "protection.rotate", $"key/{key.KeyId}", AuditOutcome.Success), cancellationToken);
        return new ProtectionKey(key.KeyId, key.CreationDate, key.ActivationDate, key.ExpirationDate, key.IsRevoked, IsDefault: true);
    }
}
