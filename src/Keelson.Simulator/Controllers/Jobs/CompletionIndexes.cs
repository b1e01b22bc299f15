using System.Globalization;
using System.Text;

namespace Keelson.Simulator.Controllers.Jobs;

/// <summary>A set of completion indexes in the text form of <c>status.completedIndexes</c>: <c>1,3-5,7</c>.</summary>
internal static class CompletionIndexes
{
    /// <summary>Reads the text form; entries that are not indexes below <paramref name="completions"/> are ignored, as kube ignores them.</summary>
    public static SortedSet<int> Parse(string? text, int completions)
    {
        var indexes = new SortedSet<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
            {
                continue;
            }

            var last = first;
            if (bounds.Length == 2 && !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                continue;
            }

            for (var i = first; i <= Math.Min(last, completions - 1); i++)
            {
                indexes.Add(i);
            }
        }

        return indexes;
    }

    /// <summary>The text form: ascending, runs of three or more written as <c>first-last</c> (kube writes runs of two as <c>a,b</c>).</summary>
    public static string Format(SortedSet<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        var text = new StringBuilder();
        using var next = indexes.GetEnumerator();
        var more = next.MoveNext();
        while (more)
        {
            var first = next.Current;
            var last = first;
            while ((more = next.MoveNext()) && next.Current == last + 1)
            {
                last = next.Current;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{first}");
            if (last == first + 1)
            {
                text.Append(CultureInfo.InvariantCulture, $",{last}");
            }
            else if (last > first)
            {
                text.Append(CultureInfo.InvariantCulture, $"-{last}");
            }
        }

        return text.ToString();
    }
}
