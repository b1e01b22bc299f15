using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// A Kubernetes resource quantity such as <c>100m</c>, <c>1.5</c>, <c>1Gi</c> or <c>1e3</c>.
/// STUB: replaced by the exact implementation (issue 2, primitives).
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private readonly string? _text;

    private Quantity(string text) => _text = text;

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> naming the bad text.</summary>
    public static Quantity Parse(string text) => new(text);

    /// <summary>Parses a quantity without throwing.</summary>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = text is null ? default : new Quantity(text);
        return text is not null;
    }

    /// <summary>The canonical text form.</summary>
    public override string ToString() => _text ?? "0";

    /// <inheritdoc />
    public bool Equals(Quantity other) => ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public int CompareTo(Quantity other) => string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>Equality.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Less than.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Less or equal.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Greater or equal.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;
}
