using System.Globalization;

namespace Keelson.Core.Changes;

/// <summary>When a freeze rule's windows hold, in the rule's time zone (daylight saving included).</summary>
internal static class FreezeCalendar
{
    private const int MaxChained = 60;

    /// <summary>
    /// The end of the freeze that holds at <paramref name="now"/> (following windows that touch or
    /// overlap, so a weekend freeze ends Monday 00:00, not Sunday), or null when none holds.
    /// </summary>
    public static DateTimeOffset? FrozenUntil(ChangeRule rule, DateTimeOffset now)
    {
        var zone = Zone(rule);
        DateTimeOffset? until = null;
        var at = now;
        for (var i = 0; i < MaxChained && End(rule, zone, at) is { } end; i++)
        {
            until = end;
            at = end;
        }

        return until is { } u ? TimeZoneInfo.ConvertTime(u, zone) : null;
    }

    /// <summary>The rule's time zone (UTC when it names none).</summary>
    public static TimeZoneInfo Zone(ChangeRule rule) =>
        rule.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The local date at <paramref name="now"/> in the rule's zone.</summary>
    public static DateOnly LocalDate(ChangeRule rule, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(rule)).DateTime);

    /// <summary>An instant as people read it in the rule's zone: <c>2026-11-30T00:00+01:00</c>.</summary>
    public static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset? End(ChangeRule rule, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        DateTimeOffset? best = null;
        foreach (var window in rule.Windows ?? [])
        {
            if (window.From is not null)
            {
                var from = Instant(ChangeRuleReader.LocalDateTime(window.From)!.Value, zone);
                var to = Instant(ChangeRuleReader.LocalDateTime(window.To!)!.Value, zone);
                if (from <= now && now < to)
                {
                    best = Later(best, to);
                }

                continue;
            }

            var start = ChangeRuleReader.TimeOfDay(window.Start!)!.Value;
            var end = ChangeRuleReader.TimeOfDay(window.End!)!.Value;
            var days = window.Days is { Count: > 0 } names ? names.SelectMany(n => ChangeRuleReader.Days(n)!).ToHashSet() : [.. Enum.GetValues<DayOfWeek>()];

            // A window that starts yesterday may still run (22:00-06:00).
            for (var back = 1; back >= 0; back--)
            {
                var day = local.Date.AddDays(-back);
                if (!days.Contains(day.DayOfWeek))
                {
                    continue;
                }

                var opens = day + start;
                var closes = end > start ? day + end : day.AddDays(1) + end;
                if (opens <= local && local < closes)
                {
                    best = Later(best, Instant(closes, zone));
                }
            }
        }

        return best;
    }

    /// <summary>A local wall-clock time as an instant; a time skipped by a daylight-saving jump counts as just after it.</summary>
    private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
