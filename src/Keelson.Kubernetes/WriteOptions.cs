namespace Keelson.Kubernetes;

/// <summary>Options of create, replace and patch requests.</summary>
public sealed record WriteOptions
{
    /// <summary>Validate and default without persisting (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>The field manager recorded in <c>managedFields</c>; required for server-side apply.</summary>
    public string? FieldManager { get; init; }

    /// <summary><c>Strict</c>, <c>Warn</c> or <c>Ignore</c>: what the server does with unknown or duplicate fields.</summary>
    public string? FieldValidation { get; init; }

    /// <summary>Server-side apply only: take ownership of fields other managers own instead of failing with a conflict.</summary>
    public bool Force { get; init; }
}
