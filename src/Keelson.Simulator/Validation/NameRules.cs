using System.Text.RegularExpressions;

namespace Keelson.Simulator.Validation;

/// <summary>
/// The string rules of apimachinery's <c>util/validation</c>, each returning the messages kube-apiserver attaches
/// to the field (one cause per message).
/// </summary>
internal static partial class NameRules
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string ConfigMapKeyFormat = "[-._a-zA-Z0-9]+";
    private const string QualifiedNameError = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^" + Dns1123LabelFormat + "$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + Dns1035LabelFormat + "$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFormat + "$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^" + ConfigMapKeyFormat + "$")]
    private static partial Regex ConfigMapKey();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameCharset();

    [GeneratedRegex("[a-z]")]
    private static partial Regex PortNameLetter();

    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelMaxLength)
        {
            errors.Add(MaxLengthError(LabelMaxLength));
        }

        if (!Dns1123Label().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", Dns1123LabelFormat, "my-name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > SubdomainMaxLength)
        {
            errors.Add(MaxLengthError(SubdomainMaxLength));
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", Dns1123SubdomainFormat, "example.com"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelMaxLength)
        {
            errors.Add(MaxLengthError(LabelMaxLength));
        }

        if (!Dns1035Label().IsMatch(value))
        {
            errors.Add(RegexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", Dns1035LabelFormat, "my-name", "abc-123"));
        }

        return errors;
    }

    /// <summary>A label key or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(IsDns1123Subdomain(parts[0]).Select(message => "prefix part " + message));
                }

                break;
            default:
                return [
                    "a qualified name " + RegexError(QualifiedNameError, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                ];
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > LabelMaxLength)
        {
            errors.Add("name part " + MaxLengthError(LabelMaxLength));
        }

        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameError, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelMaxLength)
        {
            errors.Add(MaxLengthError(LabelMaxLength));
        }

        if (!LabelValue().IsMatch(value))
        {
            errors.Add(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (value.Length > SubdomainMaxLength)
        {
            errors.Add(MaxLengthError(SubdomainMaxLength));
        }

        if (!ConfigMapKey().IsMatch(value))
        {
            errors.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", ConfigMapKeyFormat, "key.name", "KEY_NAME", "key-name"));
        }

        if (value is "." or "..")
        {
            errors.Add($"must not be '{value}'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }

    /// <summary>The rule every object name meets, whatever its kind: usable as one URL path segment.</summary>
    public static IReadOnlyList<string> IsPathSegmentName(string value)
    {
        if (value is "." or "..")
        {
            return [$"may not be '{value}'"];
        }

        var errors = new List<string>();
        foreach (var illegal in (string[])["/", "%"])
        {
            if (value.Contains(illegal, StringComparison.Ordinal))
            {
                errors.Add($"may not contain '{illegal}'");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> IsValidPortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errors = new List<string>();
        if (port.Length > 15)
        {
            errors.Add(MaxLengthError(15));
        }

        if (!PortNameCharset().IsMatch(port))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!PortNameLetter().IsMatch(port))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    public static string InclusiveRangeError(long low, long high) => $"must be between {low} and {high}, inclusive";

    private static string MaxLengthError(int length) => $"must be no more than {length} characters";

    // "(e.g. 'a',  or 'b', regex used for validation is '...')": Go appends ", " after each example and " or "
    // before the next, hence the double space.
    private static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return $"{message} (regex used for validation is '{format}')";
        }

        return $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";
    }
}
