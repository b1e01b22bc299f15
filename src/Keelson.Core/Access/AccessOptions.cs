namespace Keelson.Core.Access;

/// <summary>Settings of users, sessions, tokens and sign-in throttling (configuration section <c>Access</c>).</summary>
public sealed record AccessOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Access";

    /// <summary>Shortest password accepted. Default 12.</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>How long a console session lasts after sign-in, active or not. Default 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Lifetime of an API token created without one. Default 90 days.</summary>
    public TimeSpan TokenDefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Longest lifetime an API token may be given. Default 365 days.</summary>
    public TimeSpan TokenMaxLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Sign-in throttling.</summary>
    public LoginThrottleOptions Throttle { get; set; } = new();

    /// <summary>Every setting that is out of range, each naming its key and the accepted values; empty when all are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string key, string accepted)
        {
            if (!ok)
            {
                problems.Add($"{Section}:{key} {accepted}");
            }
        }

        Check(MinimumPasswordLength is >= 8 and <= 128, nameof(MinimumPasswordLength), "must be between 8 and 128");
        Check(SessionLifetime >= TimeSpan.FromMinutes(5) && SessionLifetime <= TimeSpan.FromDays(30), nameof(SessionLifetime), "must be between 00:05:00 and 30.00:00:00");
        Check(TokenMaxLifetime > TimeSpan.Zero, nameof(TokenMaxLifetime), "must be positive, e.g. 365.00:00:00");
        Check(TokenDefaultLifetime > TimeSpan.Zero && TokenDefaultLifetime <= TokenMaxLifetime, nameof(TokenDefaultLifetime), "must be positive and at most Access:TokenMaxLifetime");
        Check(Throttle.MaxFailuresPerUser >= 1, "Throttle:MaxFailuresPerUser", "must be 1 or more");
        Check(Throttle.MaxFailuresPerAddress >= 1, "Throttle:MaxFailuresPerAddress", "must be 1 or more");
        Check(Throttle.Window > TimeSpan.Zero, "Throttle:Window", "must be positive, e.g. 00:15:00");
        Check(Throttle.BaseLockout > TimeSpan.Zero && Throttle.BaseLockout <= Throttle.MaxLockout, "Throttle:BaseLockout", "must be positive and at most Access:Throttle:MaxLockout");
        return problems;
    }
}
