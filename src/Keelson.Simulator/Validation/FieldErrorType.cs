namespace Keelson.Simulator.Validation;

/// <summary>Why a field is invalid: the <c>field.ErrorType</c> of apimachinery, one-to-one with the Status cause reasons.</summary>
public enum FieldErrorType
{
    /// <summary><c>FieldValueNotFound</c>: a referenced value does not exist (a volume mount naming no volume).</summary>
    NotFound,

    /// <summary><c>FieldValueRequired</c>: the field is empty or absent.</summary>
    Required,

    /// <summary><c>FieldValueDuplicate</c>: the value repeats one that must be unique.</summary>
    Duplicate,

    /// <summary><c>FieldValueInvalid</c>: the value is malformed or out of range.</summary>
    Invalid,

    /// <summary><c>FieldValueNotSupported</c>: the value is not one of an enumeration.</summary>
    NotSupported,

    /// <summary><c>FieldValueForbidden</c>: the value is well-formed but not allowed here (an immutable field).</summary>
    Forbidden,

    /// <summary><c>FieldValueTooLong</c>: the value is longer than allowed.</summary>
    TooLong,
}
