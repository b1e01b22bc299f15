using System.Security.Authentication;

namespace Keelson.Kubernetes.Http;

/// <summary>
/// Why Keelson refused the server's certificate, thrown from the TLS validation callback so that
/// the reason travels inside the <see cref="HttpRequestException"/> to <see cref="TransportErrors"/>.
/// The message is phrased for the user and does not name the cluster (the transport exception does).
/// </summary>
internal sealed class ServerCertificateException(string message) : AuthenticationException(message);
