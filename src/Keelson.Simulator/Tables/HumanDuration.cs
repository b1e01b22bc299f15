namespace Keelson.Simulator.Tables;

/// <summary>
/// Durations as apimachinery's <c>duration.HumanDuration</c> writes them for AGE and DURATION cells: two or
/// three significant figures (<c>45s</c>, <c>3m20s</c>, <c>95m</c>, <c>5h10m</c>, <c>2d3h</c>, <c>400d</c>, <c>3y10d</c>).
/// </summary>
public static class HumanDuration
{
    /// <summary>Formats a duration; more than a second in the future is <c>&lt;invalid&gt;</c>, less is <c>0s</c> (clock skew).</summary>
    public static string Format(TimeSpan duration)
    {
        // Go truncates toward zero here (int(d.Seconds())), so -1.9s still counts as "now".
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }

        return $"{hours / 24 / 365}y";
    }

    /// <summary>Time elapsed from <paramref name="timestamp"/> to <paramref name="now"/>; an unset timestamp is <c>&lt;unknown&gt;</c>.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } time ? Format(now - time) : "<unknown>";
}
