using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Schema;

/// <summary>
/// A request the API server answers with a failure <c>meta/v1 Status</c>. The API layer writes
/// <see cref="ToStatus"/> with HTTP status <see cref="Code"/>; code, reason, message and causes are the ones
/// kube-apiserver gives for the same request.
/// </summary>
public abstract class StatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">HTTP status code, e.g. 400.</param>
    /// <param name="reason">Machine-readable reason, e.g. <c>BadRequest</c>; empty when kube-apiserver gives none.</param>
    /// <param name="message">The Status message, word for word as kube-apiserver writes it.</param>
    /// <param name="details">Details (causes) when kube-apiserver gives them.</param>
    protected StatusException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>The HTTP status code.</summary>
    public int Code { get; }

    /// <summary>The Status reason; empty for errors kube-apiserver reports without one (HTTP 500).</summary>
    public string Reason { get; }

    /// <summary>The Status details, if any.</summary>
    public StatusDetails? Details { get; }

    /// <summary>The failure Status to send.</summary>
    public Status ToStatus() => new()
    {
        Metadata = new ListMeta(),
        Outcome = "Failure",
        Message = Message,
        Reason = Reason.Length == 0 ? null : Reason,
        Details = Details,
        Code = Code,
    };
}
