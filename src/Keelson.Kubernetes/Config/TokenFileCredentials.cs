using System.Net.Http.Headers;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// A bearer token read from a file (a kubeconfig user's <c>tokenFile</c>, or the in-cluster service
/// account token) and read again whenever the file changes, because projected service-account
/// tokens rotate. Kubelet rotates them by swapping a symlink, so a change is detected on the file
/// the path finally leads to. When a later read fails (the file is briefly missing during a
/// rotation) the last token read is kept, as client-go does.
/// </summary>
public sealed class TokenFileCredentials : ICredentialProvider
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private (string Target, long Length, DateTime LastWriteUtc)? _stamp;
    private AuthenticationHeaderValue? _header;

    /// <summary>Creates the provider; the file is first read by the first request.</summary>
    /// <param name="path">The token file.</param>
    public TokenFileCredentials(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <inheritdoc />
    public ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) => new(Current());

    /// <summary>Reads the file again on the next request (called after a 401: the token may just have rotated).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _stamp = null;
        }
    }

    /// <summary>Reads the file now, so that a missing or empty file is reported when the configuration is loaded.</summary>
    internal void EnsureReadable(string where, string fix)
    {
        try
        {
            Current();
        }
        catch (CredentialException e)
        {
            throw new KubeConfigException($"{where}: {e.Message}; {fix}", e);
        }
    }

    private AuthenticationHeaderValue Current()
    {
        var stamp = Stamp();
        AuthenticationHeaderValue? last;
        lock (_lock)
        {
            last = _header;
            if (last is not null && stamp is not null && stamp == _stamp)
            {
                return last;
            }
        }

        try
        {
            var header = Read();
            lock (_lock)
            {
                _header = header;
                _stamp = stamp;
            }

            return header;
        }
        catch (CredentialException) when (last is not null)
        {
            return last;
        }
    }

    private AuthenticationHeaderValue Read()
    {
        string token;
        try
        {
            token = File.ReadAllText(_path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new CredentialException($"token file {_path} cannot be read: {why}", e);
        }

        if (token.Length == 0)
        {
            throw new CredentialException($"token file {_path} is empty; it must hold a bearer token");
        }

        return new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>What identifies one version of the file: where the path finally leads, its size and write time; null when it is missing.</summary>
    private (string Target, long Length, DateTime LastWriteUtc)? Stamp()
    {
        try
        {
            var target = File.ResolveLinkTarget(_path, returnFinalTarget: true)?.FullName ?? _path;
            // kubelet's projected tokens sit under a directory symlink (..data -> ..TIMESTAMP) that it
            // swaps: resolve the directory too, or two tokens of equal length written in the same tick
            // would look like one.
            var directory = Path.GetDirectoryName(target);
            if (directory is not null && Directory.ResolveLinkTarget(directory, returnFinalTarget: true) is { } real)
            {
                target = Path.Combine(real.FullName, Path.GetFileName(target));
            }

            var info = new FileInfo(target);
            return info.Exists ? (target, info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
