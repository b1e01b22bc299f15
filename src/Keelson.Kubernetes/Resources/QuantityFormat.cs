namespace Keelson.Kubernetes.Resources;

/// <summary>
/// The family of suffixes a <see cref="Quantity"/> is written with; a parsed quantity keeps the family of its text.
/// </summary>
public enum QuantityFormat
{
    /// <summary>Decimal SI suffixes <c>n u m k M G T P E</c>, e.g. <c>500m</c> or <c>12M</c> (12 × 10⁶).</summary>
    DecimalSI,

    /// <summary>Binary SI suffixes <c>Ki Mi Gi Ti Pi Ei</c>, e.g. <c>12Mi</c> (12 × 2²⁰).</summary>
    BinarySI,

    /// <summary>A decimal exponent, e.g. <c>12e6</c>.</summary>
    DecimalExponent,
}
