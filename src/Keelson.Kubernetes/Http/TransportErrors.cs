using System.Net.Sockets;
using System.Security.Authentication;
using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Http;

/// <summary>
/// Turns a failure to reach an API server into a message that says what went wrong with which
/// cluster and what to check: an untrusted or expired certificate, a certificate for another
/// name, a refused connection, an unknown host, a timeout, a server that wanted a client
/// certificate. The HTTP client calls it for every transport failure it catches.
/// </summary>
public static class TransportErrors
{
    /// <summary>Explains <paramref name="exception"/>, raised while talking to the cluster of <paramref name="options"/>.</summary>
    /// <param name="options">The connection the request used (the handler must come from <see cref="KubernetesHttpHandlerFactory"/>).</param>
    /// <param name="exception">
    /// What the request threw: an <see cref="HttpRequestException"/>, an <see cref="AuthenticationException"/>, or the
    /// <see cref="TaskCanceledException"/> (wrapping a <see cref="TimeoutException"/>) that SocketsHttpHandler throws when
    /// the connect timeout elapses. Anything else is described with its own message.
    /// </param>
    /// <returns>The exception to throw; the original is its inner exception.</returns>
    public static KubernetesTransportException Translate(KubernetesClientOptions options, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(exception);
        return exception as KubernetesTransportException
            ?? new KubernetesTransportException(options.DisplayName, Describe(options, exception), exception);
    }

    private static string Describe(KubernetesClientOptions options, Exception exception)
    {
        var endpoint = $"{options.Server.Scheme}://{options.Server.Authority}";
        var chain = new List<Exception>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            chain.Add(current);
        }

        var innermost = chain[^1].Message.Trim();
        if (chain.OfType<ServerCertificateException>().FirstOrDefault() is { } certificate)
        {
            return certificate.Message;
        }

        if (chain.OfType<TimeoutException>().FirstOrDefault() is { } timeout)
        {
            // SocketsHttpHandler reports its ConnectTimeout only through the message.
            return timeout.Message.Contains("ConnectTimeout", StringComparison.Ordinal)
                ? $"cannot connect to {endpoint} within {options.ConnectTimeout.TotalSeconds:0.###} s (is the address right and reachable, or is a firewall dropping the traffic?)"
                : $"no answer from {endpoint} in time: {exception.Message} (is the API server overloaded or unreachable?)";
        }

        var request = chain.OfType<HttpRequestException>().FirstOrDefault();
        var socket = chain.OfType<SocketException>().FirstOrDefault();
        switch (request?.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError:
                return $"cannot resolve \"{options.Server.IdnHost}\", the host of {endpoint}: {innermost} (is the server address right, and is DNS reachable from here?)";
            case HttpRequestError.ConnectionError:
                return socket?.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused =>
                        $"cannot connect to {endpoint}: connection refused (is the API server running and the address right?)",
                    SocketError.TimedOut =>
                        $"cannot connect to {endpoint}: connection timed out (is the address right and reachable, or is a firewall dropping the traffic?)",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable =>
                        $"cannot connect to {endpoint}: no route to the host (is the address right, and the network or VPN up?)",
                    _ => $"cannot connect to {endpoint}: {innermost}",
                };
            case HttpRequestError.ProxyTunnelError:
                return $"the HTTP proxy would not connect to {endpoint}: {innermost} (check HTTPS_PROXY and NO_PROXY)";
            case HttpRequestError.InvalidResponse:
                return $"{endpoint} did not answer in HTTP: {innermost} (is that the API server, and is the scheme of server right?)";
            case HttpRequestError.ResponseEnded:
                return $"{endpoint} closed the connection without answering{ClosedHint(options)}";
            default:
                break;
        }

        if (request?.HttpRequestError == HttpRequestError.SecureConnectionError || chain.OfType<AuthenticationException>().Any())
        {
            return $"the TLS handshake with {endpoint} failed: {innermost} (does the server speak TLS on that port?){ClientCertificateHint(options)}";
        }

        if (socket?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return $"{endpoint} closed the connection without answering{ClosedHint(options)}";
        }

        return $"the request to {endpoint} failed: {innermost}";
    }

    private static string ClosedHint(KubernetesClientOptions options) =>
        ClientCertificateHint(options) is { Length: > 0 } hint
            ? hint
            : " (is that the API server, and did it just restart?)";

    private static string ClientCertificateHint(KubernetesClientOptions options)
    {
        if (options.ClientCertificate is not null || !TlsPolicy.For(options).ServerAskedForClientCertificate)
        {
            return "";
        }

        var user = options.UserName is null ? "these credentials have none" : $"user \"{options.UserName}\" has none";
        return $"; the server asked for a client certificate and {user}: if the cluster requires one, set client-certificate and client-key for the user";
    }
}
