namespace Keelson.Simulator.Tables;

/// <summary>How to build a Table: the clock for ages, the request's table options, and the list metadata to carry.</summary>
public sealed record TableOptions
{
    /// <summary>The instant AGE, LAST SEEN and running DURATION cells are measured against.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The <c>includeObject</c> query parameter.</summary>
    public IncludeObjectPolicy IncludeObject { get; init; } = IncludeObjectPolicy.Metadata;

    /// <summary>
    /// True when the request asked for no headers (<c>TableOptions.noHeaders</c>, which kubectl sends on watches
    /// after the first event): <c>columnDefinitions</c> is then null.
    /// </summary>
    public bool NoHeaders { get; init; }

    /// <summary>The list's <c>metadata.resourceVersion</c> (for a single object, its own resourceVersion).</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The list's <c>metadata.continue</c> token, when the list was cut by <c>limit</c>.</summary>
    public string? Continue { get; init; }

    /// <summary>The list's <c>metadata.remainingItemCount</c>, when known.</summary>
    public long? RemainingItemCount { get; init; }

    /// <summary>
    /// Parses the <c>includeObject</c> query parameter (<c>None</c>, <c>Metadata</c>, <c>Object</c>; absent or empty
    /// means Metadata). On false the caller answers 400 BadRequest
    /// <c>unrecognized includeObject value: "x"</c>, as kube-apiserver does.
    /// </summary>
    public static bool TryParseIncludeObject(string? value, out IncludeObjectPolicy policy)
    {
        switch (value)
        {
            case null or "" or "Metadata":
                policy = IncludeObjectPolicy.Metadata;
                return true;
            case "None":
                policy = IncludeObjectPolicy.None;
                return true;
            case "Object":
                policy = IncludeObjectPolicy.Object;
                return true;
            default:
                policy = IncludeObjectPolicy.Metadata;
                return false;
        }
    }
}
