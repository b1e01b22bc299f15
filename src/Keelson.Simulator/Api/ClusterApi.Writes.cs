using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>create, update, patch, delete and the write subresources.</summary>
public sealed partial class ClusterApi
{
    private static Task WriteAsync(HttpContext context, RequestTarget target, string method) => throw ApiException.MethodNotAllowed();

    private static Task SubresourceGetAsync(HttpContext context, RequestTarget target, StoredObject stored) => throw ApiException.MethodNotAllowed();

    private static Task OpenApiAsync(HttpContext context, string path) => throw ApiException.NoSuchPath();
}
