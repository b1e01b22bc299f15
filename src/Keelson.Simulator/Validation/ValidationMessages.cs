namespace Keelson.Simulator.Validation;

/// <summary>Details kube-apiserver repeats across many fields.</summary>
internal static class ValidationMessages
{
    public const string Negative = "must be greater than or equal to 0";
    public const string Immutable = "field is immutable";
    public const string SelectorMismatch = "`selector` does not match template `labels`";
    public const string ImmutableWhenSet = "field is immutable when `immutable` is set";
}
