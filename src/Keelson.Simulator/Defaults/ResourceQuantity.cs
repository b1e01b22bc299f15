using System.Globalization;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// The numeric value of a resource quantity (<c>100m</c>, <c>1.5</c>, <c>128Mi</c>, <c>1e3</c>), enough to sum
/// and compare requests and limits for the pod's QoS class.
/// </summary>
/// <remarks>
/// Keelson.Kubernetes' <c>Quantity</c> is still a string stub; once it parses exactly, QoS should use it and this
/// type should go.
/// </remarks>
internal static class ResourceQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m),
        ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    /// <summary>Parses a quantity; false for text that is not one.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // The number is everything up to the first letter; an "e"/"E" followed by a digit or sign is an exponent.
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '+' or '-'))
        {
            end++;
        }

        var number = text[..end];
        var rest = text[end..];
        var factor = 1m;
        if (rest.Length > 1 && rest[0] is 'e' or 'E' && (char.IsAsciiDigit(rest[1]) || rest[1] is '+' or '-'))
        {
            if (!int.TryParse(rest[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 24)
            {
                return false;
            }

            factor = exponent >= 0 ? Pow10(exponent) : 1m / Pow10(-exponent);
        }
        else if (rest.Length > 0)
        {
            var match = Array.FindIndex(Suffixes, s => s.Suffix == rest);
            if (match < 0)
            {
                return false;
            }

            factor = Suffixes[match].Factor;
        }

        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mantissa))
        {
            return false;
        }

        try
        {
            value = mantissa * factor;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
