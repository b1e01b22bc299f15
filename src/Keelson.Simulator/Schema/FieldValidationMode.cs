namespace Keelson.Simulator.Schema;

/// <summary>What the server does with unknown and duplicate fields (the <c>fieldValidation</c> query parameter).</summary>
public enum FieldValidationMode
{
    /// <summary>Drop them silently.</summary>
    Ignore,

    /// <summary>Drop them and answer with one <c>Warning</c> header per field; the default when the parameter is absent.</summary>
    Warn,

    /// <summary>Reject the request.</summary>
    Strict,
}
