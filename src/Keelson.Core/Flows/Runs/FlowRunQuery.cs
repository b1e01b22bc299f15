namespace Keelson.Core.Flows.Runs;

/// <summary>Which runs to list, newest first.</summary>
public sealed record FlowRunQuery
{
    /// <summary>The most a page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only runs of this flow.</summary>
    public string? Flow { get; init; }

    /// <summary>Only runs in this state.</summary>
    public FlowRunState? State { get; init; }

    /// <summary>How many at most (1..<see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The token of the previous page's <see cref="FlowRunPage.Continue"/>.</summary>
    public string? Continue { get; init; }
}
