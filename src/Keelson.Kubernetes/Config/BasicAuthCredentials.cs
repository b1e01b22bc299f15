using System.Net.Http.Headers;
using System.Text;

namespace Keelson.Kubernetes.Config;

/// <summary>HTTP basic authentication (a kubeconfig user's <c>username</c> and <c>password</c>).</summary>
/// <param name="username">The user name.</param>
/// <param name="password">The password.</param>
public sealed class BasicAuthCredentials(string username, string password) : ICredentialProvider
{
    private readonly AuthenticationHeaderValue _header =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    /// <inheritdoc />
    public ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) => new(_header);

    /// <inheritdoc />
    public void Invalidate()
    {
        // A fixed password cannot be refreshed.
    }
}
