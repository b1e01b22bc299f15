using System.Globalization;
using System.Numerics;

namespace Keelson.Simulator.Schema;

/// <summary>
/// The canonical form kube-apiserver writes a <c>resource.Quantity</c> back in: decimal values as an integer with an
/// SI suffix whose exponent is a multiple of three (<c>0.5</c> → <c>500m</c>, <c>1000</c> → <c>1k</c>, <c>1200</c> stays),
/// binary values as the largest exact power of 1024 (<c>1024Mi</c> → <c>1Gi</c>, <c>0.5Gi</c> → <c>512Mi</c>) unless that
/// would lose precision or the value is below 1024 (then decimal), exponent values with an <c>e</c> suffix. Values are
/// rounded up to nano precision as the parser does.
/// </summary>
internal static class QuantityForm
{
    private const int NanoScale = -9;

    private static readonly Dictionary<string, int> DecimalSuffixes = new(StringComparer.Ordinal)
    {
        ["n"] = -9,
        ["u"] = -6,
        ["m"] = -3,
        [""] = 0,
        ["k"] = 3,
        ["M"] = 6,
        ["G"] = 9,
        ["T"] = 12,
        ["P"] = 15,
        ["E"] = 18,
    };

    private static readonly Dictionary<string, int> BinarySuffixes = new(StringComparer.Ordinal)
    {
        ["Ki"] = 10,
        ["Mi"] = 20,
        ["Gi"] = 30,
        ["Ti"] = 40,
        ["Pi"] = 50,
        ["Ei"] = 60,
    };

    /// <summary>The canonical form of a quantity that <see cref="ScalarFormats.QuantityError"/> accepted.</summary>
    public static string Canonicalize(string text)
    {
        var (negative, digits, fraction, suffix) = Split(text.Trim());
        var mantissa = BigInteger.Parse(digits + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        var scale = -fraction.Length;
        string format;
        if (BinarySuffixes.TryGetValue(suffix, out var power))
        {
            format = "binary";
            mantissa *= BigInteger.Pow(2, power);
        }
        else if (DecimalSuffixes.TryGetValue(suffix, out var exponent))
        {
            format = "decimal";
            scale += exponent;
        }
        else
        {
            format = "exponent";
            scale += int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        (mantissa, scale) = RoundUpToNano(mantissa, scale);
        if (mantissa.IsZero)
        {
            return "0";
        }

        if (format == "binary")
        {
            var whole = scale >= 0 ? mantissa * BigInteger.Pow(10, scale)
                : mantissa % BigInteger.Pow(10, -scale) == 0 ? mantissa / BigInteger.Pow(10, -scale)
                : (BigInteger?)null;
            if (whole is { } value && value >= 1024)
            {
                var steps = 0;
                while (steps < 6 && value % 1024 == 0)
                {
                    value /= 1024;
                    steps++;
                }

                return (negative ? "-" : "") + value.ToString(CultureInfo.InvariantCulture) + (steps == 0 ? "" : BinarySuffixes.First(s => s.Value == steps * 10).Key);
            }

            // Below 1024, or not a whole number: kube-apiserver writes binary quantities in decimal rather than round them.
            format = "decimal";
        }

        while (!mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale++;
        }

        switch (((scale % 3) + 3) % 3)
        {
            case 1:
                mantissa *= 10;
                scale--;
                break;
            case 2:
                mantissa *= 100;
                scale -= 2;
                break;
        }

        var number = (negative ? "-" : "") + mantissa.ToString(CultureInfo.InvariantCulture);
        if (format == "exponent")
        {
            return scale == 0 ? number : $"{number}e{scale}";
        }

        var si = DecimalSuffixes.FirstOrDefault(s => s.Value == scale);
        return si.Key is not null ? number + si.Key : $"{number}e{scale}";
    }

    private static (bool Negative, string Digits, string Fraction, string Suffix) Split(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('+', '-');
        var end = 0;
        while (end < body.Length && (char.IsAsciiDigit(body[end]) || body[end] == '.'))
        {
            end++;
        }

        var number = body[..end];
        var dot = number.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? number : number[..dot];
        var fraction = dot < 0 ? "" : number[(dot + 1)..];
        return (negative, digits.Length == 0 ? "0" : digits, fraction, body[end..]);
    }

    private static (BigInteger Mantissa, int Scale) RoundUpToNano(BigInteger mantissa, int scale)
    {
        if (scale >= NanoScale)
        {
            return (mantissa, scale);
        }

        var divisor = BigInteger.Pow(10, NanoScale - scale);
        var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
        return (remainder.IsZero ? quotient : quotient + 1, NanoScale);
    }
}
