using Keelson.Core.Access;
using Keelson.Core.Clusters;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Api;

/// <summary>
/// Turns the refusals capabilities throw (not found, conflict, invalid input, an unreachable
/// cluster) into RFC 9457 problem details whose <c>detail</c> is the exception's message —
/// which already says what was wrong and what to do. Anything else is a 500 without internals.
/// </summary>
public sealed class RefusalProblems : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var status = StatusOf(exception);
        if (status is null)
        {
            return false;
        }

        await Results.Problem(detail: exception.Message, statusCode: status.Value).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The HTTP status of a refusal, or null for a real failure.</summary>
    public static int? StatusOf(Exception exception) => exception switch
    {
        ForbiddenException => 403,
        AccessException { Kind: AccessErrorKind.Invalid } => 400,
        AccessException { Kind: AccessErrorKind.NotFound } => 404,
        AccessException { Kind: AccessErrorKind.Conflict } => 409,
        ClusterException { Kind: ClusterErrorKind.Invalid } => 400,
        ClusterException { Kind: ClusterErrorKind.NotFound } => 404,
        ClusterException { Kind: ClusterErrorKind.Conflict } => 409,
        ClusterException { Kind: ClusterErrorKind.Unreachable } => 422,
        Changes.ChangeException { Kind: Changes.ChangeErrorKind.Invalid } => 400,
        Changes.ChangeException { Kind: Changes.ChangeErrorKind.Forbidden } => 403,
        Changes.ChangeException { Kind: Changes.ChangeErrorKind.NotFound } => 404,
        Changes.ChangeException { Kind: Changes.ChangeErrorKind.Conflict } => 409,
        Changes.ChangeRuleException => 400,
        BadHttpRequestException bad => bad.StatusCode,
        System.Text.Json.JsonException => 400,
        _ => null,
    };
}
