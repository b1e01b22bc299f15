namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>Times as the API stores them (<c>meta/v1 Time</c>: whole seconds, UTC).</summary>
internal static class ApiTime
{
    /// <summary>The current time of <paramref name="time"/>, cut to whole seconds so that a stored and re-read status compares equal.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
