namespace Keelson.Core.Guardrails;

/// <summary>The sliding windows a budget can count over: 1m, 5m, 1h and 24h.</summary>
public static class BudgetWindow
{
    private static readonly (string Name, long Seconds)[] Windows = [("1m", 60), ("5m", 300), ("1h", 3600), ("24h", 86400)];

    /// <summary>The longest window: charges older than this are no longer needed.</summary>
    public static TimeSpan Longest => TimeSpan.FromSeconds(Windows[^1].Seconds);

    /// <summary>The accepted names, for messages.</summary>
    public static string Names => string.Join(", ", Windows.Select(w => w.Name));

    /// <summary>The window's length in seconds, or null when <paramref name="name"/> is not one of <see cref="Names"/>.</summary>
    public static long? Seconds(string? name)
    {
        var wanted = name?.Trim().ToLowerInvariant();
        foreach (var (windowName, seconds) in Windows)
        {
            if (windowName == wanted)
            {
                return seconds;
            }
        }

        return null;
    }

    /// <summary>The name of a window of <paramref name="seconds"/> (e.g. <c>5m</c>).</summary>
    public static string Name(long seconds) => Windows.FirstOrDefault(w => w.Seconds == seconds).Name ?? $"{seconds}s";
}
