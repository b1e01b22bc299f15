using System.Text;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// The order in which kubectl prints map keys (go-yaml v2's key sort): letters compare by code point,
/// non-letters sort before letters, and runs of digits compare as numbers (<c>a9</c> before <c>a10</c>).
/// </summary>
internal sealed class YamlKeyOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static YamlKeyOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        var a = Runes(x ?? "");
        var b = Runes(y ?? "");
        return Less(a, b) ? -1 : Less(b, a) ? 1 : 0;
    }

    private static Rune[] Runes(string text) => [.. text.EnumerateRunes()];

    private static bool Less(Rune[] a, Rune[] b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
            {
                continue;
            }

            var aLetter = Rune.IsLetter(a[i]);
            var bLetter = Rune.IsLetter(b[i]);
            if (aLetter && bLetter)
            {
                return a[i] < b[i];
            }

            if (aLetter || bLetter)
            {
                return bLetter;
            }

            long aNumber = 0;
            long bNumber = 0;
            if (a[i].Value == '0' || b[i].Value == '0')
            {
                // A zero inside a longer number ("10" vs "1x") still counts as part of that number.
                for (var j = i - 1; j >= 0 && Rune.IsDigit(a[j]); j--)
                {
                    if (a[j].Value != '0')
                    {
                        aNumber = 1;
                        bNumber = 1;
                        break;
                    }
                }
            }

            var aEnd = i;
            for (; aEnd < a.Length && Rune.IsDigit(a[aEnd]); aEnd++)
            {
                aNumber = (aNumber * 10) + (a[aEnd].Value - '0');
            }

            var bEnd = i;
            for (; bEnd < b.Length && Rune.IsDigit(b[bEnd]); bEnd++)
            {
                bNumber = (bNumber * 10) + (b[bEnd].Value - '0');
            }

            if (aNumber != bNumber)
            {
                return aNumber < bNumber;
            }

            if (aEnd != bEnd)
            {
                return aEnd < bEnd;
            }

            return a[i] < b[i];
        }

        return a.Length < b.Length;
    }
}
