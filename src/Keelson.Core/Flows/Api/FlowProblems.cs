using Keelson.Core.Flows.Definitions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Flows.Api;

/// <summary>
/// Turns the flow service's refusals into RFC 9457 problem details: an unknown flow, run or task is
/// 404, wrong parameters 400 (each parameter under <c>errors</c>), a collision 409, and an invalid
/// definition 422 listing every problem with its task, field and line.
/// </summary>
public sealed class FlowProblems : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        IResult? problem = exception switch
        {
            FlowDefinitionException invalid => Results.Problem(
                title: "The flow definition is invalid",
                detail: invalid.Message + "\nFix each problem (line numbers are the file's) and apply it again.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = invalid.Errors.Select(e => new FlowProblemError(e.Task, e.Field, e.Line, e.Message, e.ToString())).ToList(),
                }),
            FlowException { Kind: FlowExceptionKind.Invalid, Errors.Count: > 0 } invalid => Results.ValidationProblem(
                invalid.Errors.ToDictionary(p => p.Key, p => p.Value), detail: invalid.Message, statusCode: StatusCodes.Status400BadRequest),
            FlowException refused => Results.Problem(detail: refused.Message, statusCode: refused.Kind switch
            {
                FlowExceptionKind.NotFound => StatusCodes.Status404NotFound,
                FlowExceptionKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }
}
