namespace Keelson.Core.Access;

/// <summary>
/// How failed sign-ins slow down guessing. After <see cref="MaxFailuresPerUser"/> failures for one user
/// name (or <see cref="MaxFailuresPerAddress"/> from one address) within <see cref="Window"/>, further
/// attempts are refused for <see cref="BaseLockout"/>, doubling with each further failure up to
/// <see cref="MaxLockout"/>. Refused attempts are not checked and do not count.
/// </summary>
public sealed record LoginThrottleOptions
{
    /// <summary>Failures for one user name before it is locked. Default 5.</summary>
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>Failures from one client address before it is locked (higher: offices share addresses). Default 20.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>How far back failures count. Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lockout. Default 30 seconds.</summary>
    public TimeSpan BaseLockout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest lockout. Default 15 minutes.</summary>
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);
}
