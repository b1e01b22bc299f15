using System.Globalization;
using System.Security.Claims;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Flows.Api;

/// <summary>REST endpoints of runs: start (or dry-run), list, get, history, live stream, operators' commands.</summary>
internal static class RunEndpoints
{
    private const int MaxEvents = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var runs = endpoints.MapGroup("/api/v1/runs").WithTags("Runs");

        runs.MapPost("/", async (HttpContext context, ClaimsPrincipal user, StartRunRequest request, FlowService service, FlowTargets targets, FlowAccess access, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Flow))
            {
                throw new FlowException(FlowExceptionKind.Invalid, "give the flow to run: {\"flow\": \"drain-node\", \"params\": {...}}", new Dictionary<string, string[]> { ["flow"] = ["required"] });
            }

            var found = await targets.ResolveAsync(request.Flow, request.Version, request.Params, ct);
            if (request.DryRun)
            {
                await access.RequireAsync(user, Role.Viewer, found, $"to dry-run flow {request.Flow}", ct);
                return Results.Ok(await service.PlanAsync(request.Flow, request.Version, request.Params, ct));
            }

            await access.RequireAsync(user, Role.Operator, found, $"to run flow {request.Flow}", ct);
            var run = await service.StartAsync(AuditActor.From(context), new FlowRunRequest { Flow = request.Flow, Version = request.Version, Params = request.Params, Priority = request.Priority }, ct);
            return Results.Created($"/api/v1/runs/{FlowEndpoints.Id(run.Id)}", run);
        }).WithName("StartRun")
            .WithSummary("Start a run of a flow with parameters (needs operator on every cluster it targets); with \"dryRun\": true, answer its plan instead and start nothing.")
            .Produces<FlowRun>(StatusCodes.Status201Created).Produces<FlowPlan>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        runs.MapGet("/", async (ClaimsPrincipal user, FlowService service, FlowTargets targets, FlowAccess access, string? flow, string? state, int? limit, string? @continue, CancellationToken ct) =>
        {
            FlowRunState? parsed = state is null ? null
                : Enum.TryParse<FlowRunState>(state, ignoreCase: true, out var s) && !int.TryParse(state, out _) ? s
                : throw new BadHttpRequestException($"state \"{state}\" is not one of {string.Join(", ", Enum.GetNames<FlowRunState>().Select(n => n.ToLowerInvariant()))}");
            var page = await service.ListRunsAsync(new FlowRunQuery { Flow = flow, State = parsed, Limit = limit ?? Core.Api.Paging.DefaultLimit, Continue = @continue }, ct);
            var mayView = await access.ViewerAsync(user, ct);
            var visible = new List<FlowRun>();
            foreach (var run in page.Items)
            {
                if (mayView(await targets.OfRunAsync(run.Flow, run.Version, run.Params, ct)))
                {
                    visible.Add(run);
                }
            }

            return Results.Ok(new Core.Api.Page<FlowRun>(visible, page.Continue));
        }).WithName("ListRuns")
            .WithSummary("Runs the caller may view (viewer on every cluster they target), newest first; filters: flow, state (pending, running, paused, braked, succeeded, failed, cancelled).")
            .Produces<Core.Api.Page<FlowRun>>();

        runs.MapGet("/{id:long}", async (ClaimsPrincipal user, long id, FlowService service, FlowTargets targets, FlowAccess access, CancellationToken ct) =>
            Results.Ok(await ReadableRunAsync(user, id, service, targets, access, ct)))
            .WithName("GetRun").WithSummary("A run with its tasks: state, attempts, inputs, outputs, errors, what a waiting task waits for.")
            .Produces<FlowRun>().ProducesProblem(StatusCodes.Status404NotFound);

        runs.MapGet("/{id:long}/events", async (ClaimsPrincipal user, long id, long? after, int? limit, FlowService service, FlowTargets targets, FlowAccess access, CancellationToken ct) =>
        {
            await ReadableRunAsync(user, id, service, targets, access, ct);
            var size = limit ?? Core.Api.Paging.DefaultLimit;
            if (size is < 1 or > MaxEvents)
            {
                throw new BadHttpRequestException($"limit must be between 1 and {MaxEvents}, not {size}");
            }

            var events = await service.EventsAsync(id, after ?? 0, size, ct);
            return Results.Ok(new Core.Api.Page<FlowRunEvent>(events, events.Count == size ? FlowEndpoints.Id(events[^1].Id) : null));
        }).WithName("ListRunEvents")
            .WithSummary("A run's history after event ?after=N, oldest first; pass the last id seen to continue.")
            .Produces<Core.Api.Page<FlowRunEvent>>().ProducesProblem(StatusCodes.Status404NotFound);

        runs.MapGet("/{id:long}/events/stream", async (HttpContext context, ClaimsPrincipal user, long id, long? after, FlowService service, FlowTargets targets, FlowAccess access, IOptions<JsonOptions> json, CancellationToken ct) =>
        {
            await ReadableRunAsync(user, id, service, targets, access, ct);
            var from = after ?? (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0);
            await RunEventStream.WriteAsync(context, service, id, from, json.Value.SerializerOptions, ct);
        }).WithName("StreamRunEvents")
            .WithSummary("Live progress as server-sent events: each event of the run after ?after=N (or Last-Event-ID) as it happens, then an \"end\" event when the run has ended.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        MapCommand(runs, "pause", FlowCommandType.Pause, "PauseRun", "Pause a run: running tasks finish, no new task starts.");
        MapCommand(runs, "resume", FlowCommandType.Resume, "ResumeRun", "Resume a paused or braked run.");
        MapCommand(runs, "cancel", FlowCommandType.Cancel, "CancelRun", "Cancel a run: running tasks are cancelled, nothing else starts.");
        MapCommand(runs, "retry", FlowCommandType.Retry, "RetryRunTask", "Run a failed task again ({\"task\": \"drain\"}).");
        MapCommand(runs, "skip", FlowCommandType.Skip, "SkipRunTask", "Mark a task skipped so the tasks that need it go on ({\"task\": \"drain\", \"reason\": \"...\"}; the reason is required).");
        MapCommand(runs, "resume-from", FlowCommandType.ResumeFrom, "ResumeRunFrom", "Run a task and every task after it again ({\"task\": \"drain\"}).");
        MapCommand(runs, "approve", FlowCommandType.Approve, "ApproveRun", "Approve the run's waiting approval task (or {\"task\": NAME} when several wait).");
        MapCommand(runs, "reject", FlowCommandType.Reject, "RejectRun", "Reject the run's waiting approval task (it fails).");
    }

    private static void MapCommand(RouteGroupBuilder runs, string verb, FlowCommandType type, string name, string summary) =>
        runs.MapPost($"/{{id:long}}/{verb}", async (HttpContext context, ClaimsPrincipal user, long id, RunCommandRequest? request, FlowService service, FlowTargets targets, FlowAccess access, CancellationToken ct) =>
        {
            var run = await service.GetRunAsync(id, ct) ?? throw RunNotFound(id);
            await access.RequireAsync(user, Role.Operator, await targets.OfRunAsync(run.Flow, run.Version, run.Params, ct), $"to {verb} run {FlowEndpoints.Id(id)}", ct);
            var task = request?.Task;
            if (type == FlowCommandType.Skip && string.IsNullOrWhiteSpace(request?.Reason))
            {
                throw new FlowException(FlowExceptionKind.Invalid, "skipping a task needs a reason (it is kept in the audit log): {\"task\": \"...\", \"reason\": \"...\"}", new Dictionary<string, string[]> { ["reason"] = ["required to skip a task"] });
            }

            if (type is FlowCommandType.Approve or FlowCommandType.Reject && task is null)
            {
                task = WaitingApproval(run, verb);
            }

            var result = await service.CommandAsync(AuditActor.From(context), id, new FlowCommand(type, request?.Reason, task, request?.Item), ct);
            return result.Outcome switch
            {
                FlowCommandOutcome.Applied => Results.Ok(result),
                FlowCommandOutcome.Queued => Results.Accepted($"/api/v1/runs/{FlowEndpoints.Id(id)}", result),
                _ => Results.Problem(detail: $"run {FlowEndpoints.Id(id)} refused {verb}: {result.Message}", statusCode: StatusCodes.Status409Conflict),
            };
        }).WithName(name).WithSummary(summary)
            .Produces<FlowCommandResult>().Produces<FlowCommandResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

    private static string WaitingApproval(FlowRun run, string verb)
    {
        var waiting = run.Tasks.Where(t => t.Uses == "approval" && t.State == FlowTaskState.Waiting).Select(t => t.Name).Distinct().ToList();
        return waiting switch
        {
            [var only] => only,
            [] => throw new FlowException(FlowExceptionKind.Conflict, $"run {FlowEndpoints.Id(run.Id)} has no approval waiting now (it is {run.State.ToString().ToLowerInvariant()}); keelson run get {FlowEndpoints.Id(run.Id)} shows its tasks"),
            _ => throw new FlowException(FlowExceptionKind.Invalid, $"several approvals of run {FlowEndpoints.Id(run.Id)} wait ({string.Join(", ", waiting)}); say which to {verb}: {{\"task\": \"{waiting[0]}\"}}"),
        };
    }

    private static async Task<FlowRun> ReadableRunAsync(ClaimsPrincipal user, long id, FlowService service, FlowTargets targets, FlowAccess access, CancellationToken ct)
    {
        var run = await service.GetRunAsync(id, ct) ?? throw RunNotFound(id);
        await access.RequireAsync(user, Role.Viewer, await targets.OfRunAsync(run.Flow, run.Version, run.Params, ct), $"to read run {FlowEndpoints.Id(id)}", ct);
        return run;
    }

    private static FlowException RunNotFound(long id) =>
        new(FlowExceptionKind.NotFound, $"no run has id {FlowEndpoints.Id(id)}; keelson run list (GET /api/v1/runs) lists the runs you may view");
}
