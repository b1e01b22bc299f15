using System.Net;
using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Http;

/// <summary>
/// Builds the HTTP handler for one cluster: TLS verified against the cluster's CA, client certificates, HTTP/2.
/// MINIMAL VERSION: the TLS verification and its error messages are completed by the Config/transport work.
/// </summary>
public static class KubernetesHttpHandlerFactory
{
    /// <summary>Creates a handler for the cluster described by <paramref name="options"/>.</summary>
    public static HttpMessageHandler Create(KubernetesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
    }
}
