using System.Globalization;
using System.Text;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Formats a float the way Go's <c>strconv.FormatFloat(f, 'g', -1, bits)</c> does, because kubectl's YAML
/// library prints float values (<c>1e+06</c>, <c>0.0001</c>) and turns float map keys into strings that way.
/// </summary>
internal static class GoFloatFormat
{
    /// <summary>The shortest text that reads back as the same float64 (or float32 when <paramref name="single"/>).</summary>
    public static string Format(double value, bool single)
    {
        // .NET's round-trip format gives the same shortest digits as Go; only the layout differs.
        var roundTrip = single
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        var negative = roundTrip.StartsWith('-');
        var (digits, pointPosition) = Digits(negative ? roundTrip[1..] : roundTrip);

        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        var exponent = pointPosition - 1;
        if (digits == "0")
        {
            text.Append('0');
        }
        else if (exponent < -4 || exponent >= 6)
        {
            // %e: one digit before the point, an exponent of at least two digits.
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            text.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }

        return text.ToString();
    }

    // Splits "1.25E-05" or "0.00125" into significant digits ("125") and where the decimal point goes
    // relative to them (-4 means 0.0000125).
    private static (string Digits, int PointPosition) Digits(string roundTrip)
    {
        var exponentAt = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var significant = allDigits.Trim('0');
        return significant.Length == 0
            ? ("0", 1)
            : (significant, integerDigits - leadingZeros + exponent);
    }
}
