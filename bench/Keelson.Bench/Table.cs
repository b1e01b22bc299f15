using System.Globalization;

namespace Keelson.Bench;

/// <summary>Prints measurements as a Markdown table: metric, value, reference, ratio, goal.</summary>
internal static class Table
{
    private static readonly string[] Header = ["metric", "value", "reference", "ratio", "goal", ""];

    public static void Print(IReadOnlyList<Measurement> rows)
    {
        var lines = new List<string[]> { Header };
        foreach (var r in rows)
        {
            lines.Add(
            [
                r.Metric,
                $"{Format(r.Value)} {r.Unit}",
                r.Reference is { } reference ? $"{Format(reference)} {r.Unit}" : "",
                r.Reference is { } re && re != 0 ? $"{(r.Value / re).ToString("0.00", CultureInfo.InvariantCulture)}×" : "",
                r.Goal,
                r.Met switch { true => "met", false => "NOT MET", null => "" },
            ]);
        }

        var widths = Enumerable.Range(0, 6).Select(c => lines.Max(l => l[c].Length)).ToArray();
        for (var i = 0; i < lines.Count; i++)
        {
            Console.WriteLine("| " + string.Join(" | ", lines[i].Select((cell, c) => cell.PadRight(widths[c]))) + " |");
            if (i == 0)
            {
                Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            }
        }
    }

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.0#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
