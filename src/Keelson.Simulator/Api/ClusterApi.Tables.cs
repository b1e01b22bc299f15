using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;
using Keelson.Simulator.Tables;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>Content negotiation: <c>meta.k8s.io/v1 Table</c> for kubectl's server-side printing, JSON otherwise.</summary>
public sealed partial class ClusterApi
{
    /// <summary>Whether the client asked for a Table (kubectl get does; -o yaml/json does not).</summary>
    private static bool WantsTable(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("as=Table", StringComparison.Ordinal))
        {
            return true;
        }

        if (accept.Length > 0 && !accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            throw ApiException.NotAcceptable(accept);
        }

        return false;
    }

    private TableOptions TableOptionsFor(HttpContext context, string? resourceVersion = null, string? next = null, bool noHeaders = false)
    {
        var include = context.Request.Query["includeObject"].ToString();
        if (!TableOptions.TryParseIncludeObject(include.Length == 0 ? null : include, out var policy))
        {
            throw ApiException.BadRequest($"includeObject: \"{include}\" is not one of None, Metadata, Object");
        }

        return new TableOptions
        {
            Now = _time.GetUtcNow(),
            IncludeObject = policy,
            NoHeaders = noHeaders,
            ResourceVersion = resourceVersion,
            Continue = next,
        };
    }

    private byte[] Table(HttpContext context, ResourceKind kind, IEnumerable<StoredObject> items, string? resourceVersion = null, string? next = null, bool noHeaders = false) =>
        JsonPaths.Serialize(TableConverter.Convert(
            kind.Resource.ApiVersion,
            kind.Resource.Kind,
            [.. items.Select(ObjectRegistry.Parse)],
            TableOptionsFor(context, resourceVersion, next, noHeaders)));
}
