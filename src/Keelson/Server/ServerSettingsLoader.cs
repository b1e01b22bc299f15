using System.Globalization;
using System.Net;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Server;

/// <summary>Builds <see cref="ServerSettings"/> from a file, the environment and flags, and checks them.</summary>
public static class ServerSettingsLoader
{
    private static readonly (string Variable, Action<ServerSettings, string> Apply)[] Environment =
    [
        ("KEELSON_LISTEN", (s, v) => s.Listen = v),
        ("KEELSON_DATABASE", (s, v) => s.Database = v),
        ("KEELSON_DATA", (s, v) => s.Data = v),
        ("KEELSON_KEY_ENCRYPTION_CERTIFICATE", (s, v) => s.KeyEncryptionCertificate = v),
        ("KEELSON_METRICS_REQUIRE_TOKEN", (s, v) => s.MetricsRequireToken = ParseBool("KEELSON_METRICS_REQUIRE_TOKEN", v)),
        ("KEELSON_MINIMUM_PASSWORD_LENGTH", (s, v) => s.MinimumPasswordLength = ParseInt("KEELSON_MINIMUM_PASSWORD_LENGTH", v)),
        ("KEELSON_SESSION_LIFETIME", (s, v) => s.SessionLifetime = ParseDuration("KEELSON_SESSION_LIFETIME", v)),
        ("KEELSON_FLOWS_REPLICA_NAME", (s, v) => s.Flows.ReplicaName = v),
        ("KEELSON_FLOWS_LEASE_DURATION", (s, v) => s.Flows.LeaseDuration = ParseDuration("KEELSON_FLOWS_LEASE_DURATION", v)),
        ("KEELSON_FLOWS_POLL_INTERVAL", (s, v) => s.Flows.PollInterval = ParseDuration("KEELSON_FLOWS_POLL_INTERVAL", v)),
        ("KEELSON_GUARDRAILS_NOTIFICATION_URL", (s, v) => s.Guardrails.NotificationUrl = v),
        ("KEELSON_GUARDRAILS_CIRCUIT_COOL_DOWN", (s, v) => s.Guardrails.CircuitCoolDown = ParseDuration("KEELSON_GUARDRAILS_CIRCUIT_COOL_DOWN", v)),
        ("KEELSON_FLOWS_MAX_CONCURRENT_TASKS", (s, v) => s.Flows.MaxConcurrentTasks = ParseInt("KEELSON_FLOWS_MAX_CONCURRENT_TASKS", v)),
    ];

    /// <summary>The settings: the file (if any), overridden by the environment, overridden by <paramref name="flags"/>.</summary>
    /// <exception cref="SettingsException">A value is wrong; the message names the key, the source and what is accepted.</exception>
    public static ServerSettings Load(string? configFile, IReadOnlyDictionary<string, string?> environment, Action<ServerSettings> flags)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        ServerSettings settings;
        if (configFile is null)
        {
            settings = new ServerSettings();
        }
        else if (!File.Exists(configFile))
        {
            throw new SettingsException($"--config: file \"{configFile}\" does not exist");
        }
        else
        {
            try
            {
                settings = YamlBinder.Bind<ServerSettings>(File.ReadAllText(configFile), configFile, out _);
            }
            catch (YamlBindingException e)
            {
                throw new SettingsException(e.Message);
            }
        }

        foreach (var (variable, apply) in Environment)
        {
            if (environment.TryGetValue(variable, out var value) && !string.IsNullOrEmpty(value))
            {
                apply(settings, value);
            }
        }

        flags(settings);
        Check(settings);
        return settings;
    }

    /// <summary>The listen address as an endpoint.</summary>
    public static IPEndPoint Endpoint(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Listen.LastIndexOf(':') > settings.Listen.LastIndexOf(']') && IPEndPoint.TryParse(settings.Listen, out var endpoint)
            ? endpoint
            : throw new SettingsException($"listen (KEELSON_LISTEN, --listen): \"{settings.Listen}\" is not ADDRESS:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080");
    }

    private static void Check(ServerSettings settings)
    {
        Endpoint(settings);
        if (string.IsNullOrWhiteSpace(settings.Data))
        {
            throw new SettingsException("data (KEELSON_DATA, --data): give a directory for Keelson's files, e.g. /var/lib/keelson");
        }

        if (settings.MinimumPasswordLength is < 8 or > 128)
        {
            throw new SettingsException($"minimumPasswordLength (KEELSON_MINIMUM_PASSWORD_LENGTH): {settings.MinimumPasswordLength} is outside 8–128");
        }

        if (settings.SessionLifetime < TimeSpan.FromMinutes(5) || settings.SessionLifetime > TimeSpan.FromDays(30))
        {
            throw new SettingsException($"sessionLifetime (KEELSON_SESSION_LIFETIME): {GoDuration.Format(settings.SessionLifetime)} is outside 5m–720h");
        }

        if (settings.Flows.Validate() is [var problem, ..])
        {
            // FlowOptions names keys as Flows:LeaseDuration; the YAML key is flows.leaseDuration.
            throw new SettingsException($"flows (KEELSON_FLOWS_*): {problem}");
        }

        var guardrails = new Core.Guardrails.GuardrailOptions();
        settings.Guardrails.ApplyTo(guardrails);
        if (guardrails.Validate() is [var refused, ..])
        {
            throw new SettingsException($"guardrails (KEELSON_GUARDRAILS_*): {refused}");
        }
    }

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw new SettingsException($"{key}: \"{value}\" is not true or false");

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new SettingsException($"{key}: \"{value}\" is not a whole number");

    private static TimeSpan ParseDuration(string key, string value) =>
        GoDuration.TryParse(value, out var d) ? d : throw new SettingsException($"{key}: \"{value}\" is not a duration such as 12h or 30m");
}
