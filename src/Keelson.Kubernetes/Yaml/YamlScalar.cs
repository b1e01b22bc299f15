using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// What a YAML scalar means, decided exactly as kubectl and kube-apiserver decide it: they read YAML
/// with sigs.k8s.io/yaml over go-yaml v2, which follows YAML 1.1. So besides <c>true</c>/<c>false</c>,
/// <c>yes</c>, <c>no</c>, <c>on</c>, <c>off</c>, <c>y</c> and <c>n</c> (in their listed capitalisations)
/// are booleans; <c>0123</c> is octal, <c>0x1F</c> hex, <c>1_000</c> is 1000; dates stay strings.
/// Quoted and block scalars are always strings.
/// </summary>
internal static partial class YamlScalar
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string BinaryTag = "tag:yaml.org,2002:binary";

    /// <summary>The tag that marks a mapping entry as a merge key (<c>&lt;&lt;</c>).</summary>
    public const string MergeTag = "tag:yaml.org,2002:merge";

    private static readonly FrozenDictionary<string, object?> Words = new (object?, string[])[]
    {
        (true, ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]),
        (false, ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]),
        (null, ["~", "null", "Null", "NULL"]),
        (double.NaN, [".nan", ".NaN", ".NAN"]),
        (double.PositiveInfinity, [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]),
        (double.NegativeInfinity, ["-.inf", "-.Inf", "-.INF"]),
    }.SelectMany(group => group.Item2.Select(word => KeyValuePair.Create(word, group.Item1)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The value of a scalar event: null, <see cref="bool"/>, <see cref="long"/>, <see cref="ulong"/>,
    /// <see cref="double"/> (possibly infinite or NaN) or <see cref="string"/>.
    /// </summary>
    /// <exception cref="FormatException">An explicit tag does not fit the text, e.g. <c>!!int abc</c>.</exception>
    public static object? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? ResolvePlain(text) : text;
        }

        switch (scalar.Tag.Value)
        {
            case NullTag:
                return ResolvePlain(text) is null ? null : throw CannotDecode(text, "!!null");
            case BoolTag:
                return ResolvePlain(text) is bool b ? b : throw CannotDecode(text, "!!bool");
            case IntTag:
                return ResolvePlain(text) is long or ulong ? ResolvePlain(text) : throw CannotDecode(text, "!!int");
            case FloatTag:
                return ResolvePlain(text) switch
                {
                    long l => (double)l,
                    ulong u => (double)u,
                    double d => d,
                    _ => throw CannotDecode(text, "!!float"),
                };
            case BinaryTag:
                try
                {
                    return Encoding.UTF8.GetString(Convert.FromBase64String(text));
                }
                catch (FormatException)
                {
                    throw new FormatException("the !!binary value is not valid base64");
                }

            default:
                // !!str, !!timestamp (kept as text, as kubectl does), local tags like !foo, the non-specific "!".
                return text;
        }
    }

    /// <summary>The value of a plain (unquoted, untagged) scalar; see <see cref="Resolve"/>.</summary>
    public static object? ResolvePlain(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        // go-yaml only looks further when the first character can start a non-string.
        var hint = text[0] switch
        {
            '+' or '-' or (>= '0' and <= '9') => 'D',
            '.' => '.',
            'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
            _ => '\0',
        };
        if (hint == '\0')
        {
            return text;
        }

        if (Words.TryGetValue(text, out var word))
        {
            return word;
        }

        if (hint == '.')
        {
            return DotFloat().IsMatch(text) && TryParseFinite(text, out var fraction) ? fraction : text;
        }

        if (hint == 'D')
        {
            var digits = text.Replace("_", "", StringComparison.Ordinal);
            if (TryParseGoInteger(digits, out var integer))
            {
                return integer;
            }

            if (YamlFloat().IsMatch(digits) && TryParseFinite(digits, out var number))
            {
                return number;
            }
        }

        return text;
    }

    /// <summary>
    /// Whether a string can be written unquoted and still read back as that string. Like go-yaml, this also
    /// quotes what YAML 1.1 reads as a timestamp or a sexagesimal number, and the merge key <c>&lt;&lt;</c>.
    /// </summary>
    public static bool IsPlainString(string text) =>
        ResolvePlain(text) is string && !Base60Float().IsMatch(text) && !IsTimestamp(text) && text != "<<";

    // go-yaml's timestamp forms, parsed as Go's time.Parse would, including its range checks:
    // 2006-1-2, 2006-1-2T15:4:5.999999999Z07:00 (or a lower-case t), 2006-1-2 15:4:5.999999999.
    private static bool IsTimestamp(string text)
    {
        var match = Timestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Number("year"), Number("month"), Number("day"));
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month) &&
            Number("hour") < 24 && Number("minute") < 60 && Number("second") < 60 && Number("zoneHour") <= 24 && Number("zoneMinute") <= 60;
    }

    /// <summary>A mapping key as kubectl turns it into a JSON field name: <c>on</c> becomes <c>"true"</c>, <c>1e3</c> becomes <c>"1000"</c>.</summary>
    /// <exception cref="FormatException">The key is null, which JSON cannot have.</exception>
    public static string KeyText(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => ".nan",
        double d when double.IsPositiveInfinity(d) => ".inf",
        double d when double.IsNegativeInfinity(d) => "-.inf",
        double d => GoFloatFormat.Format(d, single: true),
        _ => throw new FormatException("a map key cannot be null"),
    };

    private static FormatException CannotDecode(string text, string tag) =>
        new($"cannot decode {ImplicitTag(ResolvePlain(text))} `{text}` as a {tag}");

    private static string ImplicitTag(object? value) => value switch
    {
        null => "!!null",
        bool => "!!bool",
        long or ulong => "!!int",
        double => "!!float",
        _ => "!!str",
    };

    private static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    // Go's strconv.ParseInt(text, 0, 64), falling back to ParseUint: optional sign, then 0x/0o/0b or a
    // leading 0 (octal) prefix. Values beyond int64 but within uint64 stay exact as ulong.
    private static bool TryParseGoInteger(string text, out object? value)
    {
        value = null;
        var negative = text.StartsWith('-');
        var signed = negative || text.StartsWith('+');
        var body = signed ? text.AsSpan(1) : text.AsSpan();
        var radix = 10;
        if (body.Length >= 2 && body[0] == '0')
        {
            // 0x1F, 0o17, 0b101; a bare leading zero (0123) means octal.
            var prefixed = char.ToLowerInvariant(body[1]) switch
            {
                'x' => 16,
                'o' => 8,
                'b' => 2,
                _ => 0,
            };
            radix = prefixed == 0 ? 8 : prefixed;
            body = body[(prefixed == 0 ? 1 : 2)..];
        }

        if (body.IsEmpty)
        {
            return false;
        }

        BigInteger magnitude = 0;
        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        if (negative)
        {
            value = magnitude <= new BigInteger(long.MaxValue) + 1 ? (long)-magnitude : null;
        }
        else if (magnitude <= long.MaxValue)
        {
            value = (long)magnitude;
        }
        else if (!signed && magnitude <= ulong.MaxValue)
        {
            value = (ulong)magnitude;
        }

        return value is not null;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})" +
        @"(?:(?:[Tt](?<hour>[0-9]{1,2}):(?<minute>[0-9]{1,2}):(?<second>[0-9]{1,2})(?:\.[0-9]+)?(?:Z|[+-](?<zoneHour>[0-9]{2}):(?<zoneMinute>[0-9]{2})))" +
        @"|(?: (?<hour>[0-9]{1,2}):(?<minute>[0-9]{1,2}):(?<second>[0-9]{1,2})(?:\.[0-9]+)?))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Timestamp();

    // YAML 1.1 sexagesimal numbers (1:20); go-yaml no longer reads them as numbers but still quotes them when writing.
    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60Float();
}
