namespace Keelson.Kubernetes.Http;

/// <summary>Whether a request may be sent again after a failure without doing its work twice.</summary>
internal enum RetrySafety
{
    /// <summary>GET, list, watch: always safe.</summary>
    Read,

    /// <summary>
    /// A write whose repetition cannot take effect twice: a PUT carrying a resourceVersion, a
    /// DELETE carrying preconditions, an apply (declarative, converges). Retried like a read.
    /// </summary>
    Idempotent,

    /// <summary>
    /// Any other write (POST, PATCH, plain DELETE, eviction). Retried only when the server
    /// certainly did not process it: 429 (rejected before handling) or a refused connection.
    /// </summary>
    Unsafe,
}
