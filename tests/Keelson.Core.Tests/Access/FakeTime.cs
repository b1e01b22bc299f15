namespace Keelson.Core.Tests.Access;

/// <summary>A clock the test moves by hand (timers and delays stay real).</summary>
internal sealed class FakeTime : TimeProvider
{
    private DateTimeOffset _now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
