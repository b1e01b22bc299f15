using Keelson.Simulator.Schema;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>The OpenAPI documents kubectl reads for apply, diff, explain and field validation.</summary>
public sealed partial class ClusterApi
{
    private static async Task OpenApiAsync(HttpContext context, string path)
    {
        var documents = OpenApiDocuments.BuiltIn;
        if (path == "/openapi/v2")
        {
            // kubectl 1.20–1.28 ask for the gnostic protobuf form only.
            var protobuf = context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal);
            var document = protobuf ? documents.V2Protobuf : documents.V2;
            await WriteDocumentAsync(context, document, protobuf ? OpenApiDocuments.V2ProtobufContentType : "application/json");
            return;
        }

        if (path == "/openapi/v3")
        {
            await WriteDocumentAsync(context, documents.V3Root, "application/json");
            return;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal) && documents.V3(path["/openapi/v3/".Length..]) is { } groupVersion)
        {
            // Documents are addressed by hash; kubectl caches them for as long as the hash holds.
            context.Response.Headers.CacheControl = "public, immutable";
            context.Response.Headers.ETag = $"\"{groupVersion.Hash}\"";
            await WriteDocumentAsync(context, groupVersion, "application/json");
            return;
        }

        throw ApiException.NoSuchPath();
    }

    private static async Task WriteDocumentAsync(HttpContext context, OpenApiDocument document, string contentType)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = document.Json.Length;
        await context.Response.Body.WriteAsync(document.Json, context.RequestAborted);
    }
}
