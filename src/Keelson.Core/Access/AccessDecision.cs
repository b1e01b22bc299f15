namespace Keelson.Core.Access;

/// <summary>The answer to "may this user do this?": allowed, or denied with a reason to show (HTTP 403).</summary>
public sealed record AccessDecision
{
    private AccessDecision(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    /// <summary>The one allowing decision.</summary>
    public static AccessDecision Allowed { get; } = new(true, null);

    /// <summary>True when the action may go ahead.</summary>
    public bool IsAllowed { get; }

    /// <summary>
    /// Why not, naming the missing grant and what the user has, e.g.
    /// <c>you need operator on cluster "prod-a"; you have viewer on clusters matching env=production (team sre)</c>.
    /// Null when allowed.
    /// </summary>
    public string? Reason { get; }

    /// <summary>A denial with <paramref name="reason"/>.</summary>
    public static AccessDecision Denied(string reason) => new(false, reason);
}
