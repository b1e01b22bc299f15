using Keelson.Core.Access;
using Keelson.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Fleet;

/// <summary>The fleet view's REST endpoints under <c>/api/v1</c>; every answer comes from memory, none reaches a cluster.</summary>
public static class FleetEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /api/v1/cluster-health</c>, <c>/clusters/{name}/health</c>, <c>/nodes</c>, <c>/workloads</c>,
    /// <c>/workloads/{cluster}/{namespace}/{kind}/{name}</c> and <c>/pods</c>. Lists show only clusters the
    /// caller may view (viewer or above); a single cluster the caller may not view answers 403 naming the missing grant.
    /// </summary>
    public static IEndpointRouteBuilder MapKeelsonFleet(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Fleet");
        api.MapGet("/cluster-health", ListClusterHealthAsync)
            .WithName("ListClusterHealth")
            .WithSummary("The health of every cluster you may view: reachability, API latency, nodes, pods, workloads, staleness")
            .Produces<Page<ClusterHealth>>()
            .ProducesValidationProblem();
        api.MapGet("/clusters/{name}/health", GetClusterHealthAsync)
            .WithName("GetClusterHealth")
            .WithSummary("One cluster's health as the fleet view sees it")
            .Produces<ClusterHealth>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/nodes", ListNodesAsync)
            .WithName("ListNodes")
            .WithSummary("Nodes across the fleet; filters: cluster, selector (labels), condition (NotReady, MemoryPressure, ..., any), cordoned")
            .Produces<Page<FleetNode>>()
            .ProducesValidationProblem();
        api.MapGet("/workloads", ListWorkloadsAsync)
            .WithName("ListWorkloads")
            .WithSummary("Deployments, StatefulSets and DaemonSets across the fleet; filters: cluster, namespace, kind, notAvailable")
            .Produces<Page<FleetWorkload>>()
            .ProducesValidationProblem();
        api.MapGet("/workloads/{cluster}/{namespace}/{kind}/{name}", GetWorkloadAsync)
            .WithName("GetWorkload")
            .WithSummary("One workload with its pods and recent events")
            .Produces<WorkloadDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/pods", ListPodsAsync)
            .WithName("ListPods")
            .WithSummary("Pods across the fleet; filters: app (app.kubernetes.io/name, else app), cluster, namespace, phase")
            .Produces<Page<FleetPod>>()
            .ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> ListClusterHealthAsync(HttpContext context, FleetView view, AccessAuthorizer authorizer)
    {
        var request = new FleetRequest(context.Request.Query);
        var limit = request.Limit();
        return await ListAsync(context, authorizer, request, canView => view.ListClusterHealth(canView, limit, request.Text("continue")));
    }

    private static async Task<IResult> GetClusterHealthAsync(string name, HttpContext context, FleetView view, AccessAuthorizer authorizer) =>
        await AuthorizeAsync(context, authorizer, view, name) ?? (view.GetClusterHealth(name) is { } health ? Results.Ok(health) : NoCluster(name));

    private static async Task<IResult> ListNodesAsync(HttpContext context, FleetView view, AccessAuthorizer authorizer)
    {
        var request = new FleetRequest(context.Request.Query);
        var query = new NodeQuery
        {
            Cluster = request.Text("cluster"),
            Selector = request.Selector("selector"),
            Condition = request.Condition(),
            Cordoned = request.Flag("cordoned"),
            Limit = request.Limit(),
            Continue = request.Text("continue"),
        };
        return await ListAsync(context, authorizer, request, canView => view.ListNodes(query, canView));
    }

    private static async Task<IResult> ListWorkloadsAsync(HttpContext context, FleetView view, AccessAuthorizer authorizer)
    {
        var request = new FleetRequest(context.Request.Query);
        var query = new WorkloadQuery
        {
            Cluster = request.Text("cluster"),
            Namespace = request.Text("namespace"),
            Kind = request.Kind("kind", request.Text("kind")),
            NotAvailable = request.Flag("notAvailable"),
            Limit = request.Limit(),
            Continue = request.Text("continue"),
        };
        return await ListAsync(context, authorizer, request, canView => view.ListWorkloads(query, canView));
    }

    private static async Task<IResult> GetWorkloadAsync(string cluster, string @namespace, string kind, string name, HttpContext context, FleetView view, AccessAuthorizer authorizer)
    {
        var request = new FleetRequest(context.Request.Query);
        if (request.Kind("kind", kind) is not { } workloadKind)
        {
            return Results.ValidationProblem(request.Errors, detail: $"\"{kind}\" in the path is not a workload kind; use Deployment, StatefulSet or DaemonSet");
        }

        return await AuthorizeAsync(context, authorizer, view, cluster)
            ?? (view.GetWorkload(cluster, @namespace, workloadKind, name) is { } detail
                ? Results.Ok(detail)
                : Results.Problem(
                    detail: $"cluster \"{cluster}\" has no {workloadKind} \"{@namespace}/{name}\" (GET /api/v1/workloads?cluster={cluster}&namespace={@namespace} lists its workloads)",
                    statusCode: StatusCodes.Status404NotFound));
    }

    private static async Task<IResult> ListPodsAsync(HttpContext context, FleetView view, AccessAuthorizer authorizer)
    {
        var request = new FleetRequest(context.Request.Query);
        var query = new PodQuery
        {
            App = request.Text("app"),
            Cluster = request.Text("cluster"),
            Namespace = request.Text("namespace"),
            Phase = request.Phase(),
            Limit = request.Limit(),
            Continue = request.Text("continue"),
        };
        return await ListAsync(context, authorizer, request, canView => view.ListPods(query, canView));
    }

    /// <summary>A list answer: 400 for bad parameters, else the page of clusters the caller may view.</summary>
    private static async Task<IResult> ListAsync<T>(HttpContext context, AccessAuthorizer authorizer, FleetRequest request, Func<Func<ClusterTarget, bool>, Page<T>> list)
    {
        if (request.Errors.Count > 0)
        {
            return Invalid(request.Errors);
        }

        var access = await authorizer.GetAccessAsync(context.User.Identity?.Name ?? "", context.RequestAborted);
        try
        {
            return Results.Ok(list(cluster => access.RoleOn(cluster) >= Role.Viewer));
        }
        catch (FleetQueryException e)
        {
            return Invalid(new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        }
    }

    /// <summary>404 for a cluster that is not registered, 403 naming the missing grant, or null when the caller may view it.</summary>
    private static async Task<IResult?> AuthorizeAsync(HttpContext context, AccessAuthorizer authorizer, FleetView view, string cluster)
    {
        if (view.FindCluster(cluster) is not { } target)
        {
            return NoCluster(cluster);
        }

        var access = await authorizer.GetAccessAsync(context.User.Identity?.Name ?? "", context.RequestAborted);
        var decision = access.Authorize(Role.Viewer, target);
        return decision.IsAllowed ? null : Results.Problem(detail: decision.Reason, statusCode: StatusCodes.Status403Forbidden);
    }

    private static IResult NoCluster(string cluster) =>
        Results.Problem(detail: $"no cluster \"{cluster}\" is registered (keelson cluster list shows them)", statusCode: StatusCodes.Status404NotFound);

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
}
