namespace Keelson.Core.Changes;

/// <summary>What a freeze lets through; every field set must match.</summary>
public sealed record FreezeException
{
    /// <summary>A local date (<c>2026-11-28</c>) on which the freeze does not apply.</summary>
    public string? Date { get; init; }

    /// <summary>One change (by id) that may go through.</summary>
    public long? Change { get; init; }

    /// <summary>Changes running this flow may go through.</summary>
    public string? Flow { get; init; }

    /// <summary>Why the exception was granted (recorded, shown).</summary>
    public string? Reason { get; init; }
}
