using System.Security.Claims;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Changes;

/// <summary>REST endpoints of change control.</summary>
public static class ChangeEndpoints
{
    /// <summary>
    /// Maps <c>/api/v1/changes</c> (list, get, create, approve, start) and <c>/api/v1/rules</c>
    /// (list, get, versions, apply). Changes are visible to those who may view every cluster they touch;
    /// creating or starting one needs operator on each; applying rules needs admin on the platform.
    /// </summary>
    public static IEndpointRouteBuilder MapKeelsonChanges(this IEndpointRouteBuilder endpoints)
    {
        var changes = endpoints.MapGroup("/api/v1/changes").WithTags("Changes");
        changes.MapGet("/", async (ClaimsPrincipal user, ChangeService service, AccessAuthorizer authorizer, ChangeStore store,
            string? cluster, string? state, string? initiator, string? flow, int? limit, string? @continue, CancellationToken ct) =>
        {
            var access = await authorizer.GetAccessAsync(ClusterAuthorization.NameOf(user), ct);
            var tags = await store.ClusterTagsAsync(ct);
            var page = await service.ListAsync(new ChangeQuery { Cluster = cluster, State = state, Initiator = initiator, Flow = flow, Limit = limit ?? 100, Continue = @continue }, ct);
            return Results.Ok(page with { Items = [.. page.Items.Where(c => c.Scope.Clusters.All(name => access.Authorize(Role.Viewer, Target(name, tags)).IsAllowed))] });
        }).WithName("ListChanges").WithSummary("Changes, newest first, filtered by cluster, state, initiator or flow; only those whose clusters the caller may view.");

        changes.MapGet("/{id:long}", async (ClaimsPrincipal user, long id, ChangeService service, AccessAuthorizer authorizer, ChangeStore store, CancellationToken ct) =>
        {
            var change = await service.GetAsync(id, ct) ?? throw NotFound(id);
            await RequireAsync(authorizer, user, store, Role.Viewer, change.Scope.Clusters, ct);
            return Results.Ok(change);
        }).WithName("GetChange").WithSummary("One change: scope, blast radius, plan, rule verdicts, approvals, history.");

        changes.MapPost("/", async (HttpContext context, ClaimsPrincipal user, ChangeRequest request, ChangeService service, AccessAuthorizer authorizer, ChangeStore store, CancellationToken ct) =>
        {
            var change = await Translate(() => service.CreateAsync(AuditActor.From(context), request,
                clusters => RequireAsync(authorizer, user, store, Role.Operator, clusters, ct), ct));
            return Results.Created($"/api/v1/changes/{change.Id}", change);
        }).WithName("CreateChange").WithSummary("Ask for a change: the flow is planned, the blast radius computed, the rules evaluated; it starts when they allow it, else it is kept blocked or awaiting approval with the reason.");

        changes.MapPost("/{id:long}/approve", async (HttpContext context, long id, ChangeApprovalRequest body, ChangeService service, CancellationToken ct) =>
            Results.Ok(await Translate(() => service.ApproveAsync(AuditActor.From(context), id, body?.Reason, ct))))
            .WithName("ApproveChange").WithSummary("Approve a change (not your own) as a user with the role its rules ask for; it starts once nothing holds it.");

        changes.MapPost("/{id:long}/start", async (HttpContext context, ClaimsPrincipal user, long id, ChangeService service, AccessAuthorizer authorizer, ChangeStore store, CancellationToken ct) =>
        {
            var change = await service.GetAsync(id, ct) ?? throw NotFound(id);
            await RequireAsync(authorizer, user, store, Role.Operator, change.Scope.Clusters, ct);
            return Results.Ok(await Translate(() => service.StartAsync(AuditActor.From(context), id, ct)));
        }).WithName("StartChange").WithSummary("Evaluate a held change again and start it when the rules allow it.");

        var rules = endpoints.MapGroup("/api/v1/rules").WithTags("Changes");
        rules.MapGet("/", async (ChangeRules library, CancellationToken ct) => Results.Ok(new Api.Page<ChangeRuleVersion>(await library.ListAsync(ct), null)))
            .WithName("ListRules").WithSummary("The latest version of every change rule.");
        rules.MapGet("/{name}", async (string name, int? version, ChangeRules library, CancellationToken ct) =>
            Results.Ok(await library.GetAsync(name, version, ct) ?? throw new ChangeException(ChangeErrorKind.NotFound,
                version is null ? $"no rule is named \"{name}\" (keelson rule list shows them)" : $"rule \"{name}\" has no version {version}")))
            .WithName("GetRule").WithSummary("A rule's latest version, or ?version=N.");
        rules.MapGet("/{name}/versions", async (string name, ChangeRules library, CancellationToken ct) =>
            Results.Ok(new Api.Page<ChangeRuleVersion>(await library.VersionsAsync(name, ct), null)))
            .WithName("ListRuleVersions").WithSummary("Every version of a rule, newest first.");
        rules.MapPost("/", async (HttpContext context, RuleFileRequest body, ChangeRules library, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body?.Text))
            {
                throw new BadHttpRequestException("text: the rule file's content is required ({\"text\": \"rules: ...\", \"source\": \"rules.yaml\"})");
            }

            return Results.Ok(new Api.Page<ChangeRuleApplyResult>(await library.ApplyAsync(AuditActor.From(context), body.Text, body.Source ?? "rules.yaml", ct), null));
        }).RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("ApplyRules")
            .WithSummary("Apply a rule file: each rule that changed is stored as its next version; an invalid file applies nothing and names file, line, rule and field.");
        return endpoints;
    }

    private static async Task RequireAsync(AccessAuthorizer authorizer, ClaimsPrincipal user, ChangeStore store, Role role, IEnumerable<string> clusters, CancellationToken ct)
    {
        var tags = await store.ClusterTagsAsync(ct);
        foreach (var cluster in clusters)
        {
            await authorizer.RequireAsync(user, role, Target(cluster, tags), ct);
        }
    }

    private static ClusterTarget Target(string name, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tags) =>
        new(name, tags.GetValueOrDefault(name) ?? new Dictionary<string, string>());

    private static ChangeException NotFound(long id) => new(ChangeErrorKind.NotFound, $"no change has id {id} (keelson change list shows them)");

    /// <summary>Flow refusals met while planning or starting a change, as change refusals with the same message.</summary>
    private static async Task<T> Translate<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (FlowException e)
        {
            throw new ChangeException(e.Kind switch
            {
                FlowExceptionKind.NotFound => ChangeErrorKind.NotFound,
                FlowExceptionKind.Invalid => ChangeErrorKind.Invalid,
                _ => ChangeErrorKind.Conflict,
            }, e.Message);
        }
    }
}
