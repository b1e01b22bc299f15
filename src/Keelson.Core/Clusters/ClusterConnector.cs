using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Clusters;

/// <summary>Connects to a cluster once to prove the credentials work, and reports what it found.</summary>
public static class ClusterConnector
{
    /// <summary>The Kubernetes version and node count, or an error that names the cause and the fix.</summary>
    /// <exception cref="ClusterException">Unreachable: no connection, TLS mismatch, 401 or 403.</exception>
    public static async Task<(string Version, int Nodes)> CheckAsync(string name, KubernetesClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A registration check should fail fast rather than retry for a minute.
        var quick = new KubernetesClientOptions
        {
            Server = options.Server,
            CertificateAuthorities = options.CertificateAuthorities,
            CertificateAuthoritySource = options.CertificateAuthoritySource,
            InsecureSkipTlsVerify = options.InsecureSkipTlsVerify,
            TlsServerName = options.TlsServerName,
            ClientCertificate = options.ClientCertificate,
            Credentials = options.Credentials,
            ContextName = name,
            RequestTimeout = TimeSpan.FromSeconds(15),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            Retry = new RetryOptions { MaxAttempts = 2 },
        };
        using var client = new KubernetesClient(quick);
        try
        {
            var version = await client.GetVersionAsync(cancellationToken);
            var nodes = 0;
            await foreach (var page in client.Resource<Node>().ListPagesAsync(pageSize: 500, cancellationToken: cancellationToken))
            {
                nodes += page.Items.Count;
            }

            return (version.GitVersion ?? $"v{version.Major}.{version.Minor}", nodes);
        }
        catch (KubernetesTransportException e)
        {
            throw new ClusterException(ClusterErrorKind.Unreachable, e.Message, e);
        }
        catch (KubernetesApiException e) when (e.IsUnauthorized)
        {
            throw new ClusterException(ClusterErrorKind.Unreachable,
                $"cluster \"{name}\" refused the credentials (401 Unauthorized): the token or client certificate is wrong or expired; give current ones (keelson cluster rotate-credentials)", e);
        }
        catch (KubernetesApiException e) when (e.IsForbidden)
        {
            throw new ClusterException(ClusterErrorKind.Unreachable,
                $"cluster \"{name}\" accepted the credentials but they may not list nodes (403 Forbidden: {e.Status.Message}); grant get, list and watch on nodes, pods, events and apps workloads, e.g. bind the view ClusterRole", e);
        }
        catch (KubernetesApiException e)
        {
            throw new ClusterException(ClusterErrorKind.Unreachable, $"{e.Message} (is {options.Server} a Kubernetes API server?)", e);
        }
    }
}
