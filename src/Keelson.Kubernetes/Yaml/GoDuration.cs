using System.Globalization;

namespace Keelson.Kubernetes.Yaml;

/// <summary>Durations written as Go and Kubernetes write them: <c>300ms</c>, <c>10s</c>, <c>1m30s</c>, <c>2h</c>.</summary>
public static class GoDuration
{
    /// <summary>Parses a duration; units ns, us (µs), ms, s, m, h; a sum of parts; a leading sign.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (span[0] is '-' or '+')
        {
            span = span[1..];
        }

        if (span.SequenceEqual("0"))
        {
            return true;
        }

        double ticks = 0;
        while (span.Length > 0)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
            {
                unitLength++;
            }

            double? unit = span[..unitLength] switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (unit is not { } perUnit)
            {
                return false;
            }

            ticks += number * perUnit;
            span = span[unitLength..];
        }

        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Formats as Go does for whole units: <c>1m30s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1) && value > TimeSpan.FromSeconds(-1))
        {
            return $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
        }

        var text = value < TimeSpan.Zero ? "-" : "";
        var abs = value.Duration();
        if (abs.TotalHours >= 1)
        {
            text += $"{(long)abs.TotalHours}h";
        }

        if (abs.Minutes > 0 || (abs.TotalHours >= 1 && (abs.Seconds > 0 || abs.Milliseconds > 0)))
        {
            text += $"{abs.Minutes}m";
        }

        var seconds = abs.Seconds + (abs.Milliseconds / 1000.0);
        if (seconds > 0)
        {
            text += $"{seconds.ToString(CultureInfo.InvariantCulture)}s";
        }

        return text;
    }
}
