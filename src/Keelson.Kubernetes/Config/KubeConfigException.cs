namespace Keelson.Kubernetes.Config;

/// <summary>
/// A kubeconfig (or the in-cluster service account) cannot be used. The message names the file
/// (with the line where YAML gives one), the context, cluster or user, what is wrong and what to do.
/// </summary>
public sealed class KubeConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, where, and what to do.</param>
    /// <param name="innerException">The underlying failure (YAML parser, file system, crypto), if any.</param>
    public KubeConfigException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
