using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Security;
using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Http;

/// <summary>
/// Builds the HTTP handler for one cluster: TLS verified the way client-go verifies it (see
/// <see cref="TlsPolicy"/> for the rules), the client certificate presented when the server asks,
/// HTTP/2 when a request asks for it, and a connect timeout. When a request fails, pass the
/// exception to <see cref="TransportErrors.Translate"/> for a message that says why.
/// </summary>
/// <remarks>
/// <see cref="KubernetesClientOptions.TlsServerName"/> is the name the certificate is checked
/// against, but it is not sent as SNI: SocketsHttpHandler always sends the request's host there.
/// It matters only for servers that choose their certificate by SNI.
/// </remarks>
public static class KubernetesHttpHandlerFactory
{
    /// <summary>Creates a handler for the cluster described by <paramref name="options"/>.</summary>
    /// <param name="options">The resolved connection.</param>
    [SuppressMessage("Security", "CA5359", Justification = "TlsPolicy does verify: a refused certificate throws, so that the reason reaches TransportErrors.")]
    public static SocketsHttpHandler Create(KubernetesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = TlsPolicy.For(options);
        return new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.ConnectTimeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = policy.ValidateServerCertificate,
                LocalCertificateSelectionCallback = policy.SelectClientCertificate,
            },
        };
    }
}
