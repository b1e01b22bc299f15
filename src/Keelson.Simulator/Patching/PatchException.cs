using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// A patch kube-apiserver refuses: 400 when the patch is malformed, 422 when it does not apply or yields an
/// invalid object, 500 for the strategic-merge errors kube-apiserver does not classify (it answers those with
/// the bare error text), 413 for a JSON patch with too many operations.
/// </summary>
public sealed class PatchException : StatusException
{
    private PatchException(int code, string reason, string message, StatusDetails? details = null)
        : base(code, reason, message, details)
    {
    }

    /// <summary>400 BadRequest: the patch is malformed.</summary>
    internal static PatchException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>422 Invalid, kube-apiserver's generic answer for a patch that does not apply (its own message is not sent).</summary>
    internal static PatchException DoesNotApply() =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", new StatusDetails());

    /// <summary>422 Invalid on field <c>patch</c>: the patched object cannot be decoded (wrong type, or strict field validation).</summary>
    /// <param name="patchText">How kube-apiserver shows the patch or patched object in the message.</param>
    /// <param name="detail">The decoding error.</param>
    internal static PatchException InvalidResult(string patchText, string detail)
    {
        var body = $"Invalid value: {GoText.Quote(patchText)}: {detail}";
        return new PatchException(422, "Invalid", $" \"\" is invalid: patch: {body}", new StatusDetails
        {
            Causes = [new StatusCause { Reason = "FieldValueInvalid", Message = body, Field = "patch" }],
        });
    }

    /// <summary>500 with no reason: an error kube-apiserver passes through as text.</summary>
    internal static PatchException Internal(string message) => new(500, "", message);

    /// <summary>413 RequestEntityTooLarge.</summary>
    internal static PatchException TooLarge(string message) => new(413, "RequestEntityTooLarge", message);
}
