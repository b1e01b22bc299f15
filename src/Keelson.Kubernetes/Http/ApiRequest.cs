namespace Keelson.Kubernetes.Http;

/// <summary>One request to the API server, described so it can be sent again on retry.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">Path below the server's base URL (e.g. <c>/api/v1/pods?limit=500</c>).</param>
/// <param name="Safety">Whether the request may be repeated after a failure.</param>
internal sealed record ApiRequest(HttpMethod Method, string PathAndQuery, RetrySafety Safety)
{
    /// <summary>The body, serialized once so that every attempt sends the same bytes.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The body's media type, e.g. <c>application/strategic-merge-patch+json</c>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>The Accept header.</summary>
    public string Accept { get; init; } = "application/json";

    /// <summary>
    /// A long-lived response (watch, followed log): only the wait for response headers is
    /// bounded by the request timeout; the body lasts as long as the caller reads it.
    /// </summary>
    public bool Streaming { get; init; }

    /// <summary>
    /// Whether a 429 is retried. False where 429 is an answer rather than overload: an eviction
    /// refused by a PodDisruptionBudget.
    /// </summary>
    public bool RetryTooManyRequests { get; init; } = true;
}
