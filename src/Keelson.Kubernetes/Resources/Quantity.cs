using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// A Kubernetes resource quantity such as <c>100m</c>, <c>1.5</c>, <c>512Mi</c> or <c>1e3</c>, held exactly and
/// written in canonical form, as <c>k8s.io/apimachinery/pkg/api/resource.Quantity</c> does.
/// </summary>
/// <remarks>
/// <para>
/// The value is a whole number of nano units: parsing and <see cref="FromDecimal"/> round anything finer away from
/// zero to the next nano unit (<c>0.1n</c> becomes <c>1n</c>), so a request for "some" never becomes nothing.
/// A binary-SI text is capped at 2⁶³−1 in magnitude, as apimachinery caps it; other values are unbounded.
/// </para>
/// <para>
/// Equality and ordering compare values whatever their format: <c>1000m == 1</c> and <c>1Gi &gt; 1G</c>.
/// </para>
/// <para>
/// <see cref="ToString"/> always writes the canonical form. Released apimachinery echoes some non-canonical
/// spellings it parsed on a fast path (<c>1.500</c>, <c>+1</c>, <c>1E3</c>: kubernetes#138165, #141166) and, before
/// kubernetes#140459, dropped the magnitude of values past the largest suffix (<c>1000E</c> written as <c>1</c>);
/// Keelson writes the form those fixes converge on (<c>1500m</c>, <c>1</c>, <c>1e3</c>, <c>1e21</c>) so that one
/// value has one wire form.
/// </para>
/// </remarks>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    // apimachinery keeps decimal exponents in an int32 scale and rejects texts outside ±(2^31 - 1).
    private const long MaxTextExponent = int.MaxValue;

    // The largest multiple of 3 a canonical text may carry as an exponent and still parse back.
    private const long MaxCanonicalExponent = int.MaxValue - 1;

    // Adding values whose exponents lie further apart than this would expand the smaller one into that many digits.
    private const long MaxAlignmentDigits = 100_000;

    private const string Examples = "\"500m\", \"1.5\", \"128Mi\", \"2Gi\" or \"1e3\"";

    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private static readonly Quantity One = new(1, 0, QuantityFormat.DecimalSI);

    private static readonly Quantity BinaryCap = new(long.MaxValue, 0, QuantityFormat.DecimalSI);

    // The value is _mantissa × 10^_exponent, with no trailing decimal zeros in the mantissa and zero held as 0 × 10^0,
    // so equal values have equal fields. Every way in rounds to whole nano units, so _exponent is never below -9.
    private readonly BigInteger _mantissa;
    private readonly long _exponent;

    private Quantity(BigInteger mantissa, long exponent, QuantityFormat format)
    {
        if (mantissa.IsZero)
        {
            exponent = 0;
        }
        else if ((mantissa % 10).IsZero)
        {
            // Going through the digits strips any number of zeros in one pass.
            var digits = BigInteger.Abs(mantissa).ToString(CultureInfo.InvariantCulture);
            var significant = digits.TrimEnd('0');
            exponent += digits.Length - significant.Length;
            mantissa = BigInteger.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture) * mantissa.Sign;
        }

        _mantissa = mantissa;
        _exponent = exponent;
        Format = format;
    }

    /// <summary>Zero, in <see cref="QuantityFormat.DecimalSI"/>; the same as <c>default</c>.</summary>
    public static Quantity Zero => default;

    /// <summary>
    /// The suffix family <see cref="ToString"/> writes with. It is the family of the parsed text, except that a
    /// binary-SI text whose value lies strictly between −1 and 1 becomes <see cref="QuantityFormat.DecimalSI"/>.
    /// </summary>
    public QuantityFormat Format { get; }

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => _mantissa.IsZero;

    /// <summary>Parses a quantity such as <c>250m</c>, <c>0.5</c>, <c>64Mi</c>, <c>129M</c> or <c>129e6</c>.</summary>
    /// <exception cref="FormatException">The text is not a quantity; the message quotes it and shows valid ones.</exception>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problem = TryParseCore(text, out var quantity);
        return problem is null
            ? quantity
            : throw new FormatException($"\"{text}\" is not a valid quantity: {problem}. Write a number with an optional suffix, for example {Examples}.");
    }

    /// <summary>Parses a quantity as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Quantity quantity)
    {
        quantity = default;
        return text is not null && TryParseCore(text, out quantity) is null;
    }

    /// <summary>
    /// A quantity of exactly <paramref name="value"/> (rounded away from zero to whole nano units, as parsing does),
    /// written in <paramref name="format"/>.
    /// </summary>
    public static Quantity FromDecimal(decimal value, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        Span<byte> magnitude = stackalloc byte[12];
        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(magnitude[(i * 4)..], bits[i]);
        }

        var mantissa = new BigInteger(magnitude, isUnsigned: true, isBigEndian: false);
        if (value < 0)
        {
            mantissa = -mantissa;
        }

        var scale = (bits[3] >> 16) & 0xFF;
        var (rounded, exponent) = RoundUpToNano(mantissa, -scale);
        return new Quantity(rounded, exponent, format);
    }

    /// <summary>A quantity of <paramref name="milliValue"/> thousandths in decimal SI, e.g. 250 millicores: <c>250m</c>.</summary>
    public static Quantity FromMilliValue(long milliValue) => new(milliValue, -3, QuantityFormat.DecimalSI);

    /// <summary>A quantity of <paramref name="bytes"/> in binary SI, e.g. 1073741824 bytes: <c>1Gi</c>.</summary>
    public static Quantity FromBytes(long bytes) => new(bytes, 0, QuantityFormat.BinarySI);

    /// <summary>The exact value.</summary>
    /// <exception cref="OverflowException">The value is beyond the range or precision of <see cref="decimal"/>.</exception>
    public decimal ToDecimal()
    {
        // 10^29 is past decimal's range, and expanding a larger exponent could be costly.
        Span<byte> bytes = stackalloc byte[12];
        if (_exponent > 28
            || !(BigInteger.Abs(_mantissa) * BigInteger.Pow(10, (int)Math.Max(_exponent, 0))).TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new OverflowException($"the quantity {this} is outside the range of System.Decimal");
        }

        return new decimal(
            BinaryPrimitives.ReadInt32LittleEndian(bytes),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            _mantissa.Sign < 0,
            (byte)Math.Max(-_exponent, 0));
    }

    /// <summary>
    /// The value in whole units, rounded away from zero (<c>1.2</c> gives 2, <c>400m</c> gives 1), as apimachinery's
    /// <c>Value()</c>; a value beyond <see cref="long"/> gives <see cref="long.MaxValue"/> or <see cref="long.MinValue"/>.
    /// </summary>
    public long Value() => ScaledValue(0);

    /// <summary>
    /// The value in thousandths, rounded away from zero (<c>0.1m</c> gives 1), as apimachinery's <c>MilliValue()</c>;
    /// a value beyond <see cref="long"/> gives <see cref="long.MaxValue"/> or <see cref="long.MinValue"/>.
    /// </summary>
    public long MilliValue() => ScaledValue(-3);

    /// <summary>
    /// The sum, in this quantity's format, or in <paramref name="other"/>'s when this one is zero (so a running total
    /// started at zero takes the format of what it adds up).
    /// </summary>
    /// <exception cref="OverflowException">The exponents are so far apart that the exact sum would have more than 100,000 digits.</exception>
    public Quantity Add(Quantity other)
    {
        var format = IsZero ? other.Format : Format;
        if (other.IsZero || IsZero)
        {
            var nonZero = IsZero ? other : this;
            return new Quantity(nonZero._mantissa, nonZero._exponent, format);
        }

        var low = Math.Min(_exponent, other._exponent);
        if (Math.Max(_exponent, other._exponent) - low > MaxAlignmentDigits)
        {
            throw new OverflowException($"adding {other} to {this} exactly would take more than {MaxAlignmentDigits:N0} digits");
        }

        var sum = (_mantissa * BigInteger.Pow(10, (int)(_exponent - low))) + (other._mantissa * BigInteger.Pow(10, (int)(other._exponent - low)));
        return new Quantity(sum, low, format);
    }

    /// <summary>The difference, in this quantity's format, or in <paramref name="other"/>'s when this one is zero.</summary>
    /// <exception cref="OverflowException">The exponents are so far apart that the exact difference would have more than 100,000 digits.</exception>
    public Quantity Subtract(Quantity other) => Add(other.Negate());

    /// <summary>The same quantity with the opposite sign, in the same format.</summary>
    public Quantity Negate() => new(-_mantissa, _exponent, Format);

    /// <summary>
    /// The canonical text: no fractional digits, the largest suffix or exponent that loses nothing, in this
    /// quantity's format: <c>1.5</c> is <c>1500m</c>, <c>1.5Gi</c> is <c>1536Mi</c>, <c>1000M</c> is <c>1G</c>.
    /// </summary>
    /// <remarks>
    /// A binary-SI value below 1024 in magnitude or with a fraction is written in decimal SI (<c>0.5Ki</c> is
    /// <c>512</c>, <c>1.1Ki</c> is <c>1126400m</c>); one with no binary suffix large enough (from 2⁷⁰ or 10⁷⁰ up)
    /// is written with a decimal exponent, as is a decimal-SI value past <c>E</c> (<c>1000E</c> is <c>1e21</c>).
    /// </remarks>
    public override string ToString()
    {
        if (_mantissa.IsZero)
        {
            return "0";
        }

        var format = Format;
        if (format == QuantityFormat.BinarySI)
        {
            if (_exponent < 0 || (_exponent < 4 && BigInteger.Abs(_mantissa * BigInteger.Pow(10, (int)_exponent)) < 1024))
            {
                format = QuantityFormat.DecimalSI;
            }
            else if (_exponent < 70)
            {
                var whole = _mantissa * BigInteger.Pow(10, (int)_exponent);
                var powersOf1024 = (int)(BigInteger.TrailingZeroCount(BigInteger.Abs(whole)) / 10);
                if (powersOf1024 < BinarySuffixes.Length)
                {
                    return (whole >> (10 * powersOf1024)).ToString(CultureInfo.InvariantCulture) + BinarySuffixes[powersOf1024];
                }

                format = QuantityFormat.DecimalExponent;
            }
            else
            {
                // 10^70 already holds seven factors of 1024, one more than Ei.
                format = QuantityFormat.DecimalExponent;
            }
        }

        var exponent = Math.Min(_exponent - (((_exponent % 3) + 3) % 3), MaxCanonicalExponent);
        var digits = (_mantissa * BigInteger.Pow(10, (int)(_exponent - exponent))).ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalSI && DecimalSuffix(exponent) is { } suffix)
        {
            return digits + suffix;
        }

        return exponent == 0 ? digits : digits + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether both quantities have the same value, whatever their formats (<c>1000m</c> equals <c>1</c>).</summary>
    public bool Equals(Quantity other) => _exponent == other._exponent && _mantissa == other._mantissa;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_mantissa, _exponent);

    /// <summary>Orders by value, whatever the formats (<c>1Gi</c> is greater than <c>1G</c>).</summary>
    public int CompareTo(Quantity other)
    {
        var sign = _mantissa.Sign;
        if (sign != other._mantissa.Sign)
        {
            return sign.CompareTo(other._mantissa.Sign);
        }

        if (sign == 0 || _exponent == other._exponent)
        {
            return _mantissa.CompareTo(other._mantissa);
        }

        int magnitude;
        var order = _exponent + DigitCount(_mantissa);
        var otherOrder = other._exponent + DigitCount(other._mantissa);
        if (order != otherOrder)
        {
            // |x| lies in [10^(order-1), 10^order), so different orders settle it without expanding a huge exponent.
            magnitude = order.CompareTo(otherOrder);
        }
        else
        {
            // Equal orders put the exponents at most a mantissa's length apart, so aligning them is cheap.
            var low = Math.Min(_exponent, other._exponent);
            var left = BigInteger.Abs(_mantissa) * BigInteger.Pow(10, (int)(_exponent - low));
            var right = BigInteger.Abs(other._mantissa) * BigInteger.Pow(10, (int)(other._exponent - low));
            magnitude = left.CompareTo(right);
        }

        return sign > 0 ? magnitude : -magnitude;
    }

    /// <summary>Equal values, whatever the formats.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Different values.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Less than, by value.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Greater than, by value.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Less than or equal, by value.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than or equal, by value.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The sum; see <see cref="Add"/>.</summary>
    public static Quantity operator +(Quantity left, Quantity right) => left.Add(right);

    /// <summary>The difference; see <see cref="Subtract"/>.</summary>
    public static Quantity operator -(Quantity left, Quantity right) => left.Subtract(right);

    /// <summary>The negation; see <see cref="Negate"/>.</summary>
    public static Quantity operator -(Quantity value) => value.Negate();

    // Mirrors apimachinery's scanner (parseQuantityString) and ParseQuantity, including what they accept that the
    // documented grammar does not ("1.", ".5", "1.G", and digit-less texts such as "-" or "k", read as zero).
    // Returns what is wrong, or null.
    private static string? TryParseCore(string text, out Quantity quantity)
    {
        quantity = default;
        if (text.Length == 0)
        {
            return "it is empty";
        }

        var pos = 0;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            pos++;
        }

        var wholeStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        var whole = text.AsSpan(wholeStart, pos - wholeStart);
        var fraction = ReadOnlySpan<char>.Empty;
        if (pos < text.Length && text[pos] == '.')
        {
            var fractionStart = ++pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text.AsSpan(fractionStart, pos - fractionStart);
        }

        var suffixStart = pos;
        while (pos < text.Length && "eEinumkKMGTP".Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '+' or '-')
        {
            pos++;
        }

        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        // A suffix starting with a sign or digit means the number itself went wrong there ("1+1", "5-").
        if (suffixStart < text.Length && !char.IsAsciiLetter(text[suffixStart]))
        {
            return Unexpected(text, suffixStart);
        }

        if (pos < text.Length)
        {
            return Unexpected(text, pos);
        }

        var suffix = text.AsSpan(suffixStart);
        var problem = InterpretSuffix(suffix, out var isBinary, out var power, out var format);
        if (problem is not null)
        {
            return problem;
        }

        if (whole.IsEmpty && fraction.IsEmpty)
        {
            // apimachinery reads a number without digits as 0 on its fast path, taken for decimal exponents down
            // to -9 and binary suffixes up to Ti; its exact path rejects it.
            if (isBinary ? power > 40 : power < -9)
            {
                return "it has no digits";
            }

            quantity = new Quantity(BigInteger.Zero, 0, format);
            return null;
        }

        var digits = string.Concat(whole, fraction).TrimStart('0');
        var significant = digits.TrimEnd('0');
        var exponent = -(long)fraction.Length + (digits.Length - significant.Length);
        var mantissa = significant.Length == 0
            ? BigInteger.Zero
            : BigInteger.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative)
        {
            mantissa = -mantissa;
        }

        if (isBinary)
        {
            mantissa <<= (int)power;
        }
        else
        {
            exponent += power;
        }

        (mantissa, exponent) = RoundUpToNano(mantissa, exponent);
        quantity = new Quantity(mantissa, exponent, format);
        if (format == QuantityFormat.BinarySI)
        {
            var magnitude = mantissa.Sign < 0 ? quantity.Negate() : quantity;
            if (magnitude > BinaryCap)
            {
                quantity = new Quantity(long.MaxValue * (BigInteger)mantissa.Sign, 0, format);
            }
            else if (!magnitude.IsZero && magnitude < One)
            {
                // As apimachinery: a binary value below one has no binary suffix to show, so it keeps decimal SI.
                quantity = new Quantity(mantissa, exponent, QuantityFormat.DecimalSI);
            }
        }

        return null;
    }

    private static string Unexpected(string text, int index) =>
        $"'{text[index]}' at character {index + 1} is not allowed there";

    private static string? InterpretSuffix(ReadOnlySpan<char> suffix, out bool isBinary, out long power, out QuantityFormat format)
    {
        isBinary = false;
        format = QuantityFormat.DecimalSI;
        power = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => long.MinValue,
        };
        if (power != long.MinValue)
        {
            return null;
        }

        var binaryIndex = Array.IndexOf(BinarySuffixes, suffix.ToString());
        if (binaryIndex > 0)
        {
            isBinary = true;
            format = QuantityFormat.BinarySI;
            power = 10 * binaryIndex;
            return null;
        }

        format = QuantityFormat.DecimalExponent;
        var digits = suffix.Length > 1 && suffix[0] is 'e' or 'E' ? suffix[1..] : ReadOnlySpan<char>.Empty;
        var signLength = !digits.IsEmpty && digits[0] is '+' or '-' ? 1 : 0;
        if (digits.Length <= signLength || digits[signLength..].ContainsAnyExceptInRange('0', '9'))
        {
            return $"\"{suffix}\" is not a suffix; use one of n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e3";
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out power) || power is > MaxTextExponent or < -MaxTextExponent)
        {
            return $"the exponent in \"{suffix}\" is out of range; it must lie within ±{MaxTextExponent}";
        }

        return null;
    }

    private static string? DecimalSuffix(long exponent) => exponent switch
    {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => null,
    };

    // Rounds away from zero to a whole number of nano units without ever expanding a far-off exponent.
    private static (BigInteger Mantissa, long Exponent) RoundUpToNano(BigInteger mantissa, long exponent)
    {
        if (mantissa.IsZero || exponent >= -9)
        {
            return (mantissa, exponent);
        }

        var dropped = -9 - exponent;
        if (dropped > DigitCount(mantissa))
        {
            return (mantissa.Sign, -9);
        }

        var kept = BigInteger.DivRem(mantissa, BigInteger.Pow(10, (int)dropped), out var remainder);
        return (remainder.IsZero ? kept : kept + mantissa.Sign, -9);
    }

    // ceil(value / 10^scale) away from zero, saturated to the long range.
    private long ScaledValue(int scale)
    {
        if (_mantissa.IsZero)
        {
            return 0;
        }

        var shift = _exponent - scale;
        BigInteger result;
        if (shift >= 0)
        {
            if (shift > 18)
            {
                return _mantissa.Sign > 0 ? long.MaxValue : long.MinValue;
            }

            result = _mantissa * BigInteger.Pow(10, (int)shift);
        }
        else if (-shift > DigitCount(_mantissa))
        {
            return _mantissa.Sign;
        }
        else
        {
            result = BigInteger.DivRem(_mantissa, BigInteger.Pow(10, (int)-shift), out var remainder);
            if (!remainder.IsZero)
            {
                result += _mantissa.Sign;
            }
        }

        return result > long.MaxValue ? long.MaxValue : result < long.MinValue ? long.MinValue : (long)result;
    }

    // The number of decimal digits of a non-zero mantissa, without formatting it.
    private static long DigitCount(BigInteger mantissa)
    {
        var magnitude = BigInteger.Abs(mantissa);
        if (magnitude <= ulong.MaxValue)
        {
            var small = (ulong)magnitude;
            var digits = 1;
            while (small >= 10)
            {
                small /= 10;
                digits++;
            }

            return digits;
        }

        // 2^(bits-1) <= |m| < 2^bits bounds the count to two neighbours; powers of ten settle which.
        var count = (long)Math.Floor((magnitude.GetBitLength() - 1) * Math.Log10(2)) + 1;
        while (magnitude < BigInteger.Pow(10, (int)(count - 1)))
        {
            count--;
        }

        while (magnitude >= BigInteger.Pow(10, (int)count))
        {
            count++;
        }

        return count;
    }
}
