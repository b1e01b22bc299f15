using System.Security.Claims;
using Keelson.Core.Access;
using Keelson.Core.Api;
using Keelson.Core.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Clusters;

/// <summary>REST endpoints of the cluster registry.</summary>
public static class ClusterEndpoints
{
    /// <summary>Maps <c>/api/v1/clusters</c>: list, get, register, tag, rotate credentials, remove.</summary>
    public static IEndpointRouteBuilder MapKeelsonClusters(this IEndpointRouteBuilder endpoints)
    {
        var clusters = endpoints.MapGroup("/api/v1/clusters").WithTags("Clusters");
        clusters.MapGet("/", async (ClaimsPrincipal user, ClusterRegistry registry, AccessAuthorizer authorizer, string? selector, int? limit, string? @continue, CancellationToken ct) =>
        {
            var viewable = await authorizer.ViewableAsync(user, ct);
            var matcher = selector is null ? null : ParseSelector(selector);
            var visible = (await registry.ListAsync(ct))
                .Where(c => viewable(Target(c)) && (matcher is null || matcher.Matches(c.Tags)))
                .ToList();
            return Results.Ok(Paging.Of(visible, limit, @continue));
        }).WithName("ListClusters").WithSummary("Registered clusters the caller may view, optionally those whose tags match a selector (env=production,tier in (1,2)).");

        clusters.MapGet("/{name}", async (ClaimsPrincipal user, string name, ClusterRegistry registry, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            var cluster = await FindAsync(registry, name, ct);
            await authorizer.RequireAsync(user, Role.Viewer, Target(cluster), ct);
            return Results.Ok(cluster);
        }).WithName("GetCluster").WithSummary("One registered cluster (never its credentials).");

        clusters.MapPost("/", async (HttpContext context, ClaimsPrincipal user, ClusterRegistration registration, ClusterRegistry registry, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            await authorizer.RequireAsync(user, Role.Admin, new ClusterTarget(registration.Name ?? "", registration.Tags ?? new Dictionary<string, string>()), ct);
            var cluster = await registry.AddAsync(AuditActor.From(context), registration, ct);
            return Results.Created($"/api/v1/clusters/{cluster.Name}", cluster);
        }).WithName("AddCluster")
            .WithSummary("Register a cluster from a self-contained kubeconfig, or a server URL with a token or client certificate and a CA; Keelson connects once and reports its version and node count.");

        clusters.MapPatch("/{name}/tags", async (HttpContext context, ClaimsPrincipal user, string name, Dictionary<string, string?> changes, ClusterRegistry registry, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            var cluster = await FindAsync(registry, name, ct);
            await authorizer.RequireAsync(user, Role.Admin, Target(cluster), ct);
            return Results.Ok(await registry.TagAsync(AuditActor.From(context), name, changes, ct));
        }).WithName("TagCluster").WithSummary("Set tags ({\"env\": \"production\"}); a null value removes a tag.");

        clusters.MapPut("/{name}/credentials", async (HttpContext context, ClaimsPrincipal user, string name, ClusterRegistration registration, ClusterRegistry registry, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            var cluster = await FindAsync(registry, name, ct);
            await authorizer.RequireAsync(user, Role.Admin, Target(cluster), ct);
            return Results.Ok(await registry.RotateCredentialsAsync(AuditActor.From(context), registration with { Name = name }, ct));
        }).WithName("RotateClusterCredentials").WithSummary("Replace a cluster's credentials after proving the new ones work.");

        clusters.MapDelete("/{name}", async (HttpContext context, ClaimsPrincipal user, string name, ClusterRegistry registry, AccessAuthorizer authorizer, CancellationToken ct) =>
        {
            var cluster = await FindAsync(registry, name, ct);
            await authorizer.RequireAsync(user, Role.Admin, Target(cluster), ct);
            await registry.RemoveAsync(AuditActor.From(context), name, ct);
            return Results.NoContent();
        }).WithName("RemoveCluster").WithSummary("Forget a cluster and its credentials.");
        return endpoints;
    }

    /// <summary>The access-control view of a cluster.</summary>
    public static ClusterTarget Target(ClusterRecord cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new ClusterTarget(cluster.Name, cluster.Tags);
    }

    private static async Task<ClusterRecord> FindAsync(ClusterRegistry registry, string name, CancellationToken ct) =>
        await registry.GetAsync(name, ct) ?? throw new ClusterException(ClusterErrorKind.NotFound, $"no cluster \"{name}\" is registered (GET /api/v1/clusters lists them)");

    private static Kubernetes.Selectors.LabelMatcher ParseSelector(string selector)
    {
        try
        {
            return Kubernetes.Selectors.LabelMatcher.Parse(selector);
        }
        catch (FormatException e)
        {
            throw new BadHttpRequestException($"selector: {e.Message}");
        }
    }
}
