using System.Globalization;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A value that is either an integer or a string, e.g. a port (<c>8080</c> or <c>http</c>) or <c>25%</c>.</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly struct IntOrString : IEquatable<IntOrString>
{
    private IntOrString(int? intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    /// <summary>The integer, when this holds one.</summary>
    public int? IntValue { get; }

    /// <summary>The string, when this holds one.</summary>
    public string? StringValue { get; }

    /// <summary>Whether this holds an integer.</summary>
    public bool IsInt => IntValue.HasValue;

    /// <summary>An integer value.</summary>
    public static IntOrString FromInt(int value) => new(value, null);

    /// <summary>A string value.</summary>
    public static IntOrString FromString(string value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Converts an integer.</summary>
    public static implicit operator IntOrString(int value) => FromInt(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// Resolves an absolute value or a percentage of <paramref name="total"/> (as <c>maxSurge</c> and
    /// <c>maxUnavailable</c> do), rounding a percentage up or down.
    /// </summary>
    /// <exception cref="FormatException">The string is not an integer percentage such as <c>25%</c>.</exception>
    public int ScaledValue(int total, bool roundUp)
    {
        if (IntValue is int i)
        {
            return i;
        }

        // As apimachinery's GetScaledValueFromIntOrPercent: an optionally signed integer before '%', nothing else
        // (no spaces, no fraction).
        var s = StringValue ?? "0";
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"\"{s}\" is neither an integer nor a percentage like \"25%\"");
        }

        // Integer division truncates toward zero; step one away from it where the rounding direction asks.
        var quotient = Math.DivRem((long)percent * total, 100, out var remainder);
        if (remainder != 0 && (remainder > 0) == roundUp)
        {
            quotient += roundUp ? 1 : -1;
        }

        return checked((int)quotient);
    }

    /// <inheritdoc />
    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? "";

    /// <inheritdoc />
    public bool Equals(IntOrString other) => IntValue == other.IntValue && StringValue == other.StringValue;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IntOrString other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IntValue, StringValue);

    /// <summary>Equality.</summary>
    public static bool operator ==(IntOrString left, IntOrString right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IntOrString left, IntOrString right) => !left.Equals(right);
}
