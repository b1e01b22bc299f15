namespace Keelson.Simulator.Tests.Patching;

/// <summary>A clock that stays where a test puts it.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
