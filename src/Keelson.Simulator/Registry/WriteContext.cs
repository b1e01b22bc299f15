namespace Keelson.Simulator.Registry;

/// <summary>Who writes and how: the request's field manager, dry run, and the warnings to send back.</summary>
public sealed record WriteContext
{
    /// <summary>The field manager recorded in managedFields (from <c>fieldManager</c>, else the user agent's program name).</summary>
    public string FieldManager { get; init; } = "unknown";

    /// <summary>Validate and default, but store nothing (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether this write is a server-side apply (its field ownership is the apply's, not an Update entry).</summary>
    public bool Apply { get; init; }

    /// <summary>Server-side apply: take ownership of conflicting fields.</summary>
    public bool Force { get; init; }

    /// <summary>What to do with unknown and duplicate fields (<c>fieldValidation</c>; kube-apiserver's default is Warn).</summary>
    public Schema.FieldValidationMode FieldValidation { get; init; } = Schema.FieldValidationMode.Warn;

    /// <summary>Warnings for the <c>Warning</c> response header.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>A context for the simulator's own controllers.</summary>
    public static WriteContext For(string manager) => new() { FieldManager = manager };
}
