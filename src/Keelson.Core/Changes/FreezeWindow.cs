namespace Keelson.Core.Changes;

/// <summary>
/// A freeze window in the rule's time zone: either one-off (<see cref="From"/> to <see cref="To"/>,
/// local date-times like <c>2026-11-27T00:00</c>) or recurring (on <see cref="Days"/> from
/// <see cref="Start"/> to <see cref="End"/>, e.g. weekends <c>00:00</c>–<c>24:00</c>, or nightly
/// <c>22:00</c>–<c>06:00</c>, which ends the next morning).
/// </summary>
public sealed record FreezeWindow
{
    /// <summary>One-off: the local start.</summary>
    public string? From { get; init; }

    /// <summary>One-off: the local end (exclusive).</summary>
    public string? To { get; init; }

    /// <summary>Recurring: the days it starts on (<c>mon</c>…<c>sun</c>, or <c>weekdays</c>, <c>weekends</c>, <c>daily</c>); every day when null.</summary>
    public IReadOnlyList<string>? Days { get; init; }

    /// <summary>Recurring: the local start time, <c>HH:mm</c>.</summary>
    public string? Start { get; init; }

    /// <summary>Recurring: the local end time, <c>HH:mm</c> (<c>24:00</c> is midnight after; earlier than start means the next day).</summary>
    public string? End { get; init; }
}
