using System.Net.Http.Headers;

namespace Keelson.Kubernetes.Config;

/// <summary>A fixed bearer token.</summary>
/// <param name="token">The token.</param>
public sealed class BearerTokenCredentials(string token) : ICredentialProvider
{
    private readonly AuthenticationHeaderValue _header = new("Bearer", token);

    /// <inheritdoc />
    public ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) => new(_header);

    /// <inheritdoc />
    public void Invalidate()
    {
        // A fixed token cannot be refreshed.
    }
}
