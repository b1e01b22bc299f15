namespace Keelson.Kubernetes.Selectors;

/// <summary>
/// The syntax of label keys and values, checked as apimachinery's <c>IsQualifiedName</c> and
/// <c>IsValidLabelValue</c> check them. Each check returns what is wrong, or null.
/// </summary>
internal static class LabelSyntax
{
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;

    /// <summary>A key is a name of at most 63 characters, optionally after a DNS subdomain prefix and '/'.</summary>
    public static string? KeyProblem(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && key.IndexOf('/', slash + 1) >= 0)
        {
            return $"label key \"{key}\" has more than one '/'; write a name with an optional DNS subdomain prefix, e.g. \"app\" or \"example.com/app\"";
        }

        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0)
            {
                return $"label key \"{key}\" has an empty prefix before '/'";
            }

            if (prefix.Length > MaxPrefixLength)
            {
                return $"the prefix of label key \"{key}\" is longer than {MaxPrefixLength} characters";
            }

            if (!IsDnsSubdomain(prefix))
            {
                return $"the prefix of label key \"{key}\" is not a DNS subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, e.g. \"example.com\"";
            }
        }

        if (name.Length == 0)
        {
            return $"label key \"{key}\" has an empty name";
        }

        if (name.Length > MaxNameLength)
        {
            return $"the name of label key \"{key}\" is longer than {MaxNameLength} characters";
        }

        return IsName(name)
            ? null
            : $"label key \"{key}\" is not valid: a name uses letters, digits, '-', '_' and '.', starting and ending with a letter or digit, e.g. \"app\" or \"my.name\"";
    }

    /// <summary>A value is empty, or at most 63 letters, digits, '-', '_' and '.' starting and ending with a letter or digit.</summary>
    public static string? ValueProblem(string value)
    {
        if (value.Length > MaxNameLength)
        {
            return $"label value \"{value}\" is longer than {MaxNameLength} characters";
        }

        return value.Length == 0 || IsName(value)
            ? null
            : $"label value \"{value}\" is not valid: it must be empty or use letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }

    // ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
    private static bool IsName(string s) =>
        char.IsAsciiLetterOrDigit(s[0])
        && char.IsAsciiLetterOrDigit(s[^1])
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    // [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*
    private static bool IsDnsSubdomain(string s) =>
        s.Split('.').All(label =>
            label.Length > 0
            && IsLowerAlphanumeric(label[0])
            && IsLowerAlphanumeric(label[^1])
            && label.All(c => IsLowerAlphanumeric(c) || c == '-'));

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
