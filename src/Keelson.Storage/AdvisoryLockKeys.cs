namespace Keelson.Storage;

/// <summary>
/// The PostgreSQL advisory lock keys Keelson uses, kept in one place so two capabilities never
/// pick the same number. SQLite needs none: it has a single writer.
/// </summary>
public static class AdvisoryLockKeys
{
    /// <summary>Held (session level) while migrations run, so only one replica migrates.</summary>
    public const long Migrations = 0x4B45_454C_0000_0001;

    /// <summary>Held (transaction level) while an audit record is appended, so the hash chain stays linear.</summary>
    public const long AuditChain = 0x4B45_454C_0000_0002;

    /// <summary>Held (transaction level) while a change is admitted under a concurrency rule, so two replicas never both fill the last place.</summary>
    public const long ChangeAdmission = 0x4B45_454C_0000_0040;

    /// <summary>Held (transaction level) while guardrails charge a budget or change a circuit, so two replicas never spend the same tokens.</summary>
    public const long Guardrails = 0x4B45_454C_0000_0030;
}
