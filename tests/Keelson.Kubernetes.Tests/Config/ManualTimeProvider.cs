namespace Keelson.Kubernetes.Tests.Config;

/// <summary>A clock the test moves by hand (FakeTimeProvider is not in our package registry).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
