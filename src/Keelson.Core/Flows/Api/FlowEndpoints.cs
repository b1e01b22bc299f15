using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Flows.Api;

/// <summary>REST endpoints of flow definitions: apply (YAML), list, get with versions, dry-run plan.</summary>
public static class FlowEndpoints
{
    private const int MaxDefinitionBytes = 1024 * 1024;

    /// <summary>Maps <c>/api/v1/flows</c> and <c>/api/v1/runs</c>.</summary>
    public static IEndpointRouteBuilder MapKeelsonFlows(this IEndpointRouteBuilder endpoints)
    {
        var flows = endpoints.MapGroup("/api/v1/flows").WithTags("Flows");

        flows.MapPost("/", async (HttpContext context, ClaimsPrincipal user, FlowService service, FlowAccess access, string? source, CancellationToken ct) =>
        {
            await access.RequireDefinitionsAsync(user, Role.Operator, ct);
            var text = await ReadTextAsync(context.Request, ct);
            var applied = await service.ApplyAsync(AuditActor.From(context), text, source ?? "definition", ct);
            var answer = new FlowApplyResponse(applied.Flow.Name, applied.Flow.Version, applied.Created, FlowSummary.From(applied.Flow));
            return applied.Created ? Results.Created($"/api/v1/flows/{applied.Flow.Name}", answer) : Results.Ok(answer);
        }).WithName("ApplyFlow")
            .WithSummary("Apply a flow definition written in YAML (the request body): validated, then stored as a new version when it changed. 422 lists every problem with its task, field and line.")
            .Produces<FlowApplyResponse>(StatusCodes.Status201Created).Produces<FlowApplyResponse>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status403Forbidden);

        flows.MapGet("/", async (ClaimsPrincipal user, FlowService service, FlowAccess access, int? limit, string? @continue, CancellationToken ct) =>
        {
            await access.RequireDefinitionsAsync(user, Role.Viewer, ct);
            var size = limit ?? Core.Api.Paging.DefaultLimit;
            if (size is < 1 or > Core.Api.Paging.MaxLimit)
            {
                throw new BadHttpRequestException($"limit must be between 1 and {Core.Api.Paging.MaxLimit}, not {size}");
            }

            var after = @continue is null ? null : DecodeName(@continue);
            var page = await service.ListFlowsAsync(after, size + 1, ct);
            var items = page.Take(size).Select(FlowSummary.From).ToList();
            return Results.Ok(new Core.Api.Page<FlowSummary>(items, page.Count > size ? EncodeName(items[^1].Name) : null));
        }).WithName("ListFlows").WithSummary("The flows, each at its latest version, by name.")
            .Produces<Core.Api.Page<FlowSummary>>();

        flows.MapGet("/{name}", async (ClaimsPrincipal user, string name, int? version, FlowService service, FlowAccess access, CancellationToken ct) =>
        {
            await access.RequireDefinitionsAsync(user, Role.Viewer, ct);
            var flow = await service.GetFlowAsync(name, version, ct) ?? throw NotFound(name, version);
            return Results.Ok(FlowDetail.From(flow, await service.VersionsAsync(name, ct)));
        }).WithName("GetFlow").WithSummary("A flow's definition (the latest version, or ?version=N) and the list of its versions.")
            .Produces<FlowDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        flows.MapPost("/{name}/plan", async (ClaimsPrincipal user, string name, PlanRequest? request, FlowService service, FlowTargets targets, FlowAccess access, CancellationToken ct) =>
        {
            var found = await targets.ResolveAsync(name, request?.Version, request?.Params, ct);
            await access.RequireAsync(user, Role.Viewer, found, $"to plan flow {name}", ct);
            return Results.Ok(await service.PlanAsync(name, request?.Version, request?.Params, ct));
        }).WithName("PlanFlow")
            .WithSummary("Dry run: what a run with these parameters would create, change, delete and evict, per task and per cluster, read from the clusters without changing them.")
            .Produces<FlowPlan>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        RunEndpoints.Map(endpoints);
        return endpoints;
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxDefinitionBytes)
        {
            throw new BadHttpRequestException($"the definition is larger than {MaxDefinitionBytes / 1024} KiB; split it into flows that run each other (flow.run)", StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        return text.Trim().Length == 0
            ? throw new BadHttpRequestException("the body is empty: send the flow definition (YAML), e.g. curl --data-binary @flows/drain-node.yaml -H 'Content-Type: application/yaml'")
            : text;
    }

    private static FlowException NotFound(string name, int? version) => new(FlowExceptionKind.NotFound, version is null
        ? $"no flow is named \"{name}\"; GET /api/v1/flows lists them (keelson flow list), and keelson flow apply -f FILE adds one"
        : $"flow \"{name}\" has no version {version}; GET /api/v1/flows/{name} lists its versions");

    private static string EncodeName(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes("flow:" + name));

    private static string DecodeName(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("flow:", StringComparison.Ordinal))
            {
                return text[5..];
            }
        }
        catch (FormatException)
        {
            // Answered below.
        }

        throw new BadHttpRequestException("continue: not a token this server issued; start the list again without it");
    }

    /// <summary>A run id from a route, as the API's messages print it.</summary>
    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
