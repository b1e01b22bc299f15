using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>Discovery: which groups, versions and resources this cluster serves.</summary>
public sealed partial class ClusterApi
{
    private bool TryDiscovery(HttpContext context, string path, out byte[]? document, out string contentType)
    {
        contentType = "application/json";
        document = null;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["api"] or ["apis"]:
                // kubectl 1.27+ asks for the aggregated list first and falls back to the plain documents.
                if (AggregatedVersion(context.Request.Headers.Accept.ToString()) is { } version)
                {
                    document = _discovery.Aggregated(core: parts[0] == "api", version);
                    contentType = $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList";
                }
                else
                {
                    document = parts[0] == "api" ? DiscoveryDocuments.CoreVersions(context.Request.Host.Value ?? "127.0.0.1") : _discovery.GroupList;
                }

                return true;
            case ["api", var v]:
                document = _discovery.ResourceListFor(v) ?? throw ApiException.NoSuchPath();
                return true;
            case ["apis", var group]:
                document = _discovery.Group(group) ?? throw ApiException.NoSuchPath();
                return true;
            case ["apis", var group, var v]:
                document = _discovery.ResourceListFor($"{group}/{v}") ?? throw ApiException.NoSuchPath();
                return true;
            default:
                return false;
        }
    }

    /// <summary>The aggregated discovery version the client accepts first (<c>v2</c> or <c>v2beta1</c>), or null for the plain documents.</summary>
    private static string? AggregatedVersion(string accept)
    {
        foreach (var range in accept.Split(','))
        {
            if (!range.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
            {
                return null; // the client prefers a plain document
            }

            if (range.Contains("v=v2;", StringComparison.Ordinal) || range.EndsWith("v=v2", StringComparison.Ordinal))
            {
                return "v2";
            }

            if (range.Contains("v=v2beta1", StringComparison.Ordinal))
            {
                return "v2beta1";
            }
        }

        return null;
    }
}
