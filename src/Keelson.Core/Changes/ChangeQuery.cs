namespace Keelson.Core.Changes;

/// <summary>Which changes to list (newest first); unset filters match everything.</summary>
public sealed record ChangeQuery
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Only changes touching this cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>Only changes in this state (<c>blocked</c>, <c>awaiting-approval</c>, or a run state such as <c>running</c>).</summary>
    public string? State { get; init; }

    /// <summary>Only changes this user asked for.</summary>
    public string? Initiator { get; init; }

    /// <summary>Only changes carried out by this flow.</summary>
    public string? Flow { get; init; }

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The token of the previous page.</summary>
    public string? Continue { get; init; }
}
