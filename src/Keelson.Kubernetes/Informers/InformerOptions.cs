namespace Keelson.Kubernetes.Informers;

/// <summary>How an informer lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>Label selector limiting what is cached.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector limiting what is cached.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of the initial list and of relists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// Server-side timeout of one watch request; the informer resumes from the last version
    /// after it. Randomized by up to 2x, as client-go does, so many informers do not reconnect together.
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay after an error; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between attempts after errors.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
