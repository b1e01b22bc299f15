using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Audit;

/// <summary>Who did something and from where, as the audit log records it.</summary>
/// <param name="Name">A user name, or <c>system:keelson</c> for what Keelson does on its own.</param>
/// <param name="SourceIp">The client's IP address; null when the call did not come over the network.</param>
public sealed record AuditActor(string Name, string? SourceIp)
{
    /// <summary>Keelson itself (start-up work such as creating the initial admin). User names cannot contain ':'.</summary>
    public static AuditActor System { get; } = new("system:keelson", null);

    /// <summary>
    /// The signed-in user of an HTTP request and the address the connection came from
    /// (after the host's forwarded-headers handling, when it has any).
    /// Unauthenticated callers are recorded as <c>anonymous</c>.
    /// </summary>
    public static AuditActor From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(UserName(context.User), context.Connection.RemoteIpAddress?.ToString());
    }

    private static string UserName(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";
}
