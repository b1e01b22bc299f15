using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Http;

/// <summary>
/// The API server answered with an error. <see cref="Status"/> is the server's own account
/// (reason, message, field causes); <see cref="Cluster"/> names the cluster that said it.
/// </summary>
public sealed class KubernetesApiException : Exception
{
    /// <summary>Creates the exception from the server's Status.</summary>
    public KubernetesApiException(string cluster, string method, string path, Status status, TimeSpan? retryAfter = null)
        : base(Describe(cluster, method, path, status))
    {
        Cluster = cluster;
        Method = method;
        Path = path;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The cluster (context) that answered.</summary>
    public string Cluster { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The API path of the failed request (without the server's prefix).</summary>
    public string Path { get; }

    /// <summary>The server's Status.</summary>
    public Status Status { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode => Status.Code ?? 0;

    /// <summary>The machine-readable reason: <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Invalid</c>, ...</summary>
    public string Reason => Status.Reason ?? "";

    /// <summary>How long the server asked us to wait (429, some 5xx).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>404: the object (or its namespace) does not exist.</summary>
    public bool IsNotFound => StatusCode == 404;

    /// <summary>409 with reason AlreadyExists: create of an existing name.</summary>
    public bool IsAlreadyExists => StatusCode == 409 && Reason == "AlreadyExists";

    /// <summary>409 Conflict: a stale resourceVersion or a failed precondition.</summary>
    public bool IsConflict => StatusCode == 409 && Reason != "AlreadyExists";

    /// <summary>422: the object is invalid; see the causes.</summary>
    public bool IsInvalid => StatusCode == 422;

    /// <summary>410: the resource version is too old (expired continue token or watch).</summary>
    public bool IsGone => StatusCode == 410;

    /// <summary>401: credentials missing, wrong or expired.</summary>
    public bool IsUnauthorized => StatusCode == 401;

    /// <summary>403: authenticated but not allowed.</summary>
    public bool IsForbidden => StatusCode == 403;

    /// <summary>429: the server asked us to slow down (or a PodDisruptionBudget refused an eviction).</summary>
    public bool IsTooManyRequests => StatusCode == 429;

    /// <summary>5xx or 504 Timeout: the server failed.</summary>
    public bool IsServerError => StatusCode >= 500;

    private static string Describe(string cluster, string method, string path, Status status)
    {
        var message = string.IsNullOrEmpty(status.Message) ? status.Reason ?? "error" : status.Message;
        var text = $"cluster \"{cluster}\": {method} {path}: {status.Code} {status.Reason}: {message}";
        if (status.Details?.Causes is { Count: > 0 } causes && !message.Contains(causes[0].Message ?? "\u0000", StringComparison.Ordinal))
        {
            text += " (" + string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}")) + ")";
        }

        return status.Code switch
        {
            401 => text + " — the credentials were refused; check the user's token or certificate in the kubeconfig, or log in again",
            403 => text + " — the user is authenticated but lacks this permission; ask for an RBAC grant for it",
            _ => text,
        };
    }
}
