using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Access;

/// <summary>
/// Answers a forbidden request with 403 and the reason naming the missing grant (ASP.NET Core would
/// send an empty 403), and audits refused changes. Unauthenticated requests go to the schemes'
/// challenge (401) as usual.
/// </summary>
internal sealed class AccessDeniedResultHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).Distinct().ToList() ?? [];
        var reason = reasons.Count > 0 ? string.Join("; ", reasons) : "you do not have a grant that allows this";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            await audit.AppendAsync(new AuditEntry(AuditActor.From(context), $"http.{context.Request.Method.ToLowerInvariant()}", context.Request.Path.Value ?? "",
                AuditOutcome.Denied, new JsonObject { ["reason"] = reason }), context.RequestAborted);
        }

        await ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, reason);
    }
}
