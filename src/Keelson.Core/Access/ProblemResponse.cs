using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Access;

/// <summary>Writes 401 and 403 answers as RFC 9457 problem details, with a message a person can act on.</summary>
internal static class ProblemResponse
{
    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
}
