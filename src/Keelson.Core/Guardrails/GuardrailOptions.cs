namespace Keelson.Core.Guardrails;

/// <summary>Guardrail settings (configuration section <c>Guardrails</c>); the budgets themselves live in the database.</summary>
public sealed record GuardrailOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Guardrails";

    /// <summary>Where a JSON notification is POSTed when a circuit opens (an http or https URL); none when null.</summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>How long a notification may take before it is given up (logged).</summary>
    public TimeSpan NotificationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When set, an open circuit half-opens after this long: the next destructive action in its scope
    /// is the probe, and closes the circuit if it fits every budget. When null (the default) only an
    /// admin's reset closes a circuit.
    /// </summary>
    public TimeSpan? CircuitCoolDown { get; set; }

    /// <summary>What is wrong with the settings, each naming its key and the accepted values; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (NotificationUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"{Section}:NotificationUrl is \"{url}\"; give an absolute http:// or https:// URL, or leave it unset for no notifications");
        }

        if (NotificationTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:NotificationTimeout is {NotificationTimeout}; give a positive duration such as 00:00:10");
        }

        if (CircuitCoolDown is { } coolDown && coolDown <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:CircuitCoolDown is {coolDown}; give a positive duration such as 00:15:00, or leave it unset so only an admin closes circuits");
        }

        return problems;
    }
}
