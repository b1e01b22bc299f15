namespace Keelson.Kubernetes.Config;

/// <summary>
/// A credential could not be obtained when a request needed it: an exec plugin failed or printed
/// something unusable, or a token file could not be read. The message names the user, the command
/// or file, what went wrong and what to do.
/// </summary>
public sealed class CredentialException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, for which user, and what to do.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CredentialException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
