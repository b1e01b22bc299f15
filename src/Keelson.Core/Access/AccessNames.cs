using System.Text.RegularExpressions;

namespace Keelson.Core.Access;

/// <summary>
/// The one rule for user, team and token names: 1 to 64 lower-case letters, digits and
/// <c>. _ - @</c>, starting and ending with a letter or digit (so e-mail addresses work, and
/// <c>system:keelson</c> in the audit log can never be a user). Sign-in lower-cases what is typed.
/// </summary>
internal static partial class AccessNames
{
    public static string Normalize(string? name) => (name ?? "").Trim().ToLowerInvariant();

    /// <exception cref="AccessException">The name breaks the rule; the message says how.</exception>
    public static string Check(string what, string? name)
    {
        var normalized = Normalize(name);
        if (!NamePattern().IsMatch(normalized))
        {
            throw new AccessException(AccessErrorKind.Invalid,
                $"{what} name \"{name}\" is not valid: use 1 to 64 lower-case letters, digits, '.', '_', '-' or '@', starting and ending with a letter or digit");
        }

        return normalized;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9._@-]{0,62}[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
