namespace Keelson.Simulator.Validation;

/// <summary>
/// One invalid field, as kube-apiserver reports it in a 422 Invalid Status cause and in the Status message
/// (<c>spec.replicas: Invalid value: -1: must be greater than or equal to 0</c>).
/// </summary>
/// <param name="Type">Why the field is invalid.</param>
/// <param name="Field">The field path, e.g. <c>spec.template.spec.containers[0].image</c>.</param>
/// <param name="Value">The offending value as Go's <c>fmt</c> prints it (<c>-1</c>, <c>"web"</c>, <c>map[string]string{"app":"x"}</c>); null when the error does not show it.</param>
/// <param name="Detail">What is wrong with it, e.g. <c>must be greater than or equal to 0</c>; may be empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, string? Value, string Detail)
{
    /// <summary>The Status cause reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string Reason => "FieldValue" + Type;

    /// <summary>The Status cause message: the error without its field, e.g. <c>Invalid value: -1: must be greater than or equal to 0</c>.</summary>
    public string Message
    {
        get
        {
            var text = Value is null ? Label : $"{Label}: {Value}";
            return Detail.Length == 0 ? text : $"{text}: {Detail}";
        }
    }

    private string Label => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        _ => "Too long",
    };

    /// <summary>The error as the Status message lists it: <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";

    internal static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, null, detail);

    internal static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, null, detail);

    internal static FieldError TooLong(string field, int maxBytes) => new(FieldErrorType.TooLong, field, null, $"must have at most {maxBytes} bytes");

    internal static FieldError Invalid(string field, string goValue, string detail) => new(FieldErrorType.Invalid, field, goValue, detail);

    internal static FieldError Invalid(string field, long value, string detail) => Invalid(field, GoFormat.Number(value), detail);

    internal static FieldError InvalidString(string field, string value, string detail) => Invalid(field, GoFormat.Quote(value), detail);

    internal static FieldError Duplicate(string field, string goValue) => new(FieldErrorType.Duplicate, field, goValue, "");

    internal static FieldError NotFound(string field, string value) => new(FieldErrorType.NotFound, field, GoFormat.Quote(value), "");

    internal static FieldError NotSupported(string field, string goValue, params string[] supported) =>
        new(FieldErrorType.NotSupported, field, goValue, "supported values: " + string.Join(", ", supported.Select(GoFormat.Quote)));
}
