using System.Globalization;
using Keelson.Core.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Audit;

/// <summary>REST endpoints of the audit trail: query it and verify its hash chain.</summary>
public static class AuditEndpoints
{
    /// <summary>Maps <c>GET /api/v1/audit</c> and <c>POST /api/v1/audit/verify</c>.</summary>
    public static IEndpointRouteBuilder MapKeelsonAudit(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(KeelsonPolicies.PlatformViewer);
        audit.MapGet("/", async (AuditLog log, DateTimeOffset? from, DateTimeOffset? to, string? actor, string? target, string? action, string? outcome, int? limit, string? @continue, CancellationToken ct) =>
        {
            AuditOutcome? parsedOutcome = outcome is null ? null
                : Enum.TryParse<AuditOutcome>(outcome, ignoreCase: true, out var o) ? o
                : throw new BadHttpRequestException($"outcome \"{outcome}\" is not one of success, denied, failed");
            long? before = @continue is null ? null
                : long.TryParse(@continue, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b
                : throw new BadHttpRequestException("continue: not a token this server issued; start the list again without it");
            var size = limit ?? 100;
            if (size is < 1 or > AuditQuery.MaxLimit)
            {
                throw new BadHttpRequestException($"limit must be between 1 and {AuditQuery.MaxLimit}, not {size}");
            }

            var page = await log.QueryAsync(new AuditQuery
            {
                From = from,
                To = to,
                Actor = actor,
                Target = target,
                Action = action,
                Outcome = parsedOutcome,
                Before = before,
                Limit = size,
            }, ct);
            return Results.Ok(new Api.Page<AuditRecord>(page.Records, page.NextBefore?.ToString(CultureInfo.InvariantCulture)));
        }).WithName("ListAudit").WithSummary("Audit records, newest first, filtered by time range, actor, target, action and outcome.");
        audit.MapPost("/verify", async (AuditLog log, CancellationToken ct) => Results.Ok(await log.VerifyAsync(ct)))
            .WithName("VerifyAudit").WithSummary("Walk the hash chain and report the first changed or removed record, if any.");
        return endpoints;
    }
}
