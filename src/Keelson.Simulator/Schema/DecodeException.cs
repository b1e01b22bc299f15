namespace Keelson.Simulator.Schema;

/// <summary>
/// A create or update body that the server cannot turn into an object: malformed JSON, a value of the wrong type,
/// or (with <c>fieldValidation=Strict</c>) unknown or duplicate fields. Always 400 BadRequest, as in kube-apiserver:
/// <c>Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"</c>.
/// </summary>
public sealed class DecodeException : StatusException
{
    internal DecodeException(string message)
        : base(400, "BadRequest", message)
    {
    }
}
