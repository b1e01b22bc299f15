namespace Keelson.Server;

/// <summary>
/// How <c>keelson server</c> runs. Read from a YAML file (<c>--config</c>), then environment
/// variables (<c>KEELSON_LISTEN</c>, ...), then flags — later sources win — and checked before
/// anything starts. The YAML keys are the camelCase property names.
/// </summary>
public sealed class ServerSettings
{
    /// <summary>Address and port to serve on (<c>KEELSON_LISTEN</c>, <c>--listen</c>).</summary>
    public string Listen { get; set; } = "127.0.0.1:8080";

    /// <summary>
    /// A SQLite file path or a PostgreSQL connection string (<c>Host=...</c> or <c>postgres://...</c>)
    /// (<c>KEELSON_DATABASE</c>, <c>--database</c>); default <c>DATA/keelson.db</c>.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Where Keelson keeps its files: the initial admin password, the SQLite database (<c>KEELSON_DATA</c>, <c>--data</c>).</summary>
    public string Data { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson");

    /// <summary>
    /// The certificate (PKCS#12) that encrypts the key ring protecting cluster credentials
    /// (<c>KEELSON_KEY_ENCRYPTION_CERTIFICATE</c>); default <c>DATA/key-encryption.pfx</c>, created
    /// on first start. Replicas sharing a database must share this file; keep it out of database backups.
    /// </summary>
    public string? KeyEncryptionCertificate { get; set; }

    /// <summary>The key-encryption certificate path, defaulted.</summary>
    public string KeyEncryptionCertificateOrDefault => string.IsNullOrEmpty(KeyEncryptionCertificate) ? Path.Combine(Data, "key-encryption.pfx") : KeyEncryptionCertificate;

    /// <summary>Whether <c>/metrics</c> needs an API token (<c>KEELSON_METRICS_REQUIRE_TOKEN</c>); open to scrapers by default.</summary>
    public bool MetricsRequireToken { get; set; }

    /// <summary>Minimum password length for local users.</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>How long a console session lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The flow engine (YAML <c>flows:</c> with <c>replicaName</c>, <c>leaseDuration</c>, <c>pollInterval</c>,
    /// <c>maxConcurrentTasks</c>, ...; <c>KEELSON_FLOWS_*</c>).
    /// </summary>
    public Core.Flows.FlowOptions Flows { get; set; } = new();

    /// <summary>Guardrails (YAML <c>guardrails:</c> with <c>notificationUrl</c> and <c>circuitCoolDown</c>; <c>KEELSON_GUARDRAILS_*</c>).</summary>
    public GuardrailSettings Guardrails { get; set; } = new();

    /// <summary>The database setting, defaulted.</summary>
    public string DatabaseOrDefault => string.IsNullOrEmpty(Database) ? Path.Combine(Data, "keelson.db") : Database;
}

/// <summary>The guardrail settings a server file or the environment sets; the budgets themselves live in the database.</summary>
public sealed class GuardrailSettings
{
    /// <summary>Where a JSON notification is POSTed when a circuit opens (http or https); none when unset.</summary>
    public string? NotificationUrl { get; set; }

    /// <summary>When set, an open circuit half-opens after this long (Go duration, e.g. <c>15m</c>); unset, only an admin's reset closes it.</summary>
    public TimeSpan? CircuitCoolDown { get; set; }

    /// <summary>Copies the settings onto the guardrails' options.</summary>
    public void ApplyTo(Core.Guardrails.GuardrailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NotificationUrl = string.IsNullOrEmpty(NotificationUrl) ? null : new Uri(NotificationUrl, UriKind.RelativeOrAbsolute);
        options.CircuitCoolDown = CircuitCoolDown;
    }
}
