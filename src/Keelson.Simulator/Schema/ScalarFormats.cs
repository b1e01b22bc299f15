using System.Globalization;
using System.Text.RegularExpressions;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Parsing and canonical forms of the API's string-encoded scalars, with kube-apiserver's error messages:
/// quantities (<c>resource.ParseQuantity</c>), <c>metav1.Time</c> (RFC 3339, stored in UTC to the second) and
/// <c>metav1.MicroTime</c> (exactly six fractional digits).
/// </summary>
internal static partial class ScalarFormats
{
    public const string QuantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private const string TimeLayout = "2006-01-02T15:04:05Z07:00";
    private const string MicroTimeLayout = "2006-01-02T15:04:05.000000Z07:00";

    private static readonly string[] Suffixes = ["", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    /// <summary>Checks a quantity the way <c>resource.ParseQuantity</c> does; returns its error message or null.</summary>
    public static string? QuantityError(string text)
    {
        var match = QuantityPattern().Match(text);
        if (!match.Success)
        {
            return QuantityFormatError;
        }

        var number = match.Groups[1].Value;
        var digits = number.TrimStart('+', '-');
        if (digits.Count(c => c == '.') > 1 || digits == ".")
        {
            return "unable to parse numeric part of quantity";
        }

        var suffix = match.Groups[2].Value;
        return Suffixes.Contains(suffix, StringComparer.Ordinal) || DecimalExponent().IsMatch(suffix)
            ? null
            : "unable to parse quantity's suffix";
    }

    /// <summary>Parses a <c>metav1.Time</c>; on failure returns Go's <c>time.Parse</c> message.</summary>
    public static DateTimeOffset? ParseTime(string text, out string? error) => Parse(text, micro: false, out error);

    /// <summary>Parses a <c>metav1.MicroTime</c>, which requires exactly six fractional digits.</summary>
    public static DateTimeOffset? ParseMicroTime(string text, out string? error) => Parse(text, micro: true, out error);

    /// <summary>How a <c>metav1.Time</c> is written: UTC, whole seconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How a <c>metav1.MicroTime</c> is written: UTC, six fractional digits.</summary>
    public static string FormatMicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string text, bool micro, out string? error)
    {
        var layout = micro ? MicroTimeLayout : TimeLayout;
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            error = $"parsing time {GoQuote(text)} as {GoQuote(layout)}: cannot parse {GoQuote(text)} as \"2006\"";
            return null;
        }

        var fraction = match.Groups["fraction"].Value;
        if (micro && fraction.Length != 7)
        {
            var rest = text[(match.Groups["second"].Index + 2)..];
            error = $"parsing time {GoQuote(text)} as {GoQuote(layout)}: cannot parse {GoQuote(rest)} as \".000000\"";
            return null;
        }

        var zone = match.Groups["zone"].Value;
        var normalized = $"{match.Groups["date"].Value}T{match.Groups["clock"].Value}{(fraction.Length > 0 ? fraction[..Math.Min(fraction.Length, 8)] : "")}{(zone == "Z" ? "+00:00" : zone)}";
        if (!DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"parsing time {GoQuote(text)}: {(micro ? "second" : "day")} out of range";
            return null;
        }

        error = null;
        return parsed;
    }

    private static string GoQuote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^[eE][-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalExponent();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})T(?<clock>\d{2}:\d{2}:(?<second>\d{2}))(?<fraction>\.\d+)?(?<zone>Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
