using System.Net.Http.Headers;

namespace Keelson.Kubernetes.Config;

/// <summary>Supplies the Authorization header of each request.</summary>
public interface ICredentialProvider
{
    /// <summary>The header to send, or null to send none. May run an exec plugin; cached values are reused until they expire.</summary>
    ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>Called after a 401: drop any cached credential so the next call fetches a fresh one.</summary>
    void Invalidate();
}
