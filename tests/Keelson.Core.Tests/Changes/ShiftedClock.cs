namespace Keelson.Core.Tests.Changes;

/// <summary>The system clock moved by an offset a test sets, so "now" can be a Saturday in a freeze or two hours after an approval while time still runs.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    /// <summary>Makes "now" this instant (time runs on from there).</summary>
    public void Set(DateTimeOffset now) => Offset = now - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
