namespace Keelson.Kubernetes.Http;

/// <summary>
/// No answer from the API server: it could not be reached, TLS failed, or the connection broke.
/// The message names the cluster, what went wrong and what to check.
/// </summary>
public sealed class KubernetesTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesTransportException(string cluster, string message, Exception? innerException = null)
        : base($"cluster \"{cluster}\": {message}", innerException)
    {
        Cluster = cluster;
    }

    /// <summary>The cluster (context) that could not be reached.</summary>
    public string Cluster { get; }
}
