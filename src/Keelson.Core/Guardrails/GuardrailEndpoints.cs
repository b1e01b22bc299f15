using Keelson.Core.Access;
using Keelson.Core.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Guardrails;

/// <summary>REST endpoints of guardrails: status, the emergency brake, circuits and budgets.</summary>
public static class GuardrailEndpoints
{
    /// <summary>
    /// Maps <c>/api/v1/guardrails</c>. Any signed-in user reads; pulling the emergency brake takes a
    /// platform operator (stopping fast must be easy); releasing it, resetting circuits and changing
    /// budgets take a platform admin.
    /// </summary>
    public static IEndpointRouteBuilder MapKeelsonGuardrails(this IEndpointRouteBuilder endpoints)
    {
        var guardrails = endpoints.MapGroup("/api/v1/guardrails").WithTags("Guardrails");
        guardrails.MapGet("/", (GuardrailService service, CancellationToken ct) => service.StatusAsync(ct))
            .WithName("GetGuardrails").WithSummary("The emergency brake and the open circuits.");

        guardrails.MapGet("/brake", async (GuardrailService service, CancellationToken ct) => (await service.StatusAsync(ct)).Brake)
            .WithName("GetBrake").WithSummary("Whether the emergency brake is on, who pulled it and why.");
        guardrails.MapPost("/brake", (HttpContext context, BrakeRequest request, GuardrailService service, CancellationToken ct) =>
            Refusable(async () => Results.Ok(await service.EngageBrakeAsync(AuditActor.From(context), request.Reason, ct))))
            .RequireAuthorization(KeelsonPolicies.PlatformOperator).WithName("EngageBrake")
            .WithSummary("Pull the emergency brake: every destructive action fleet-wide is braked until it is released. Needs a reason.");
        guardrails.MapDelete("/brake", (HttpContext context, string? reason, GuardrailService service, CancellationToken ct) =>
            Refusable(async () =>
            {
                await service.ReleaseBrakeAsync(AuditActor.From(context), reason, ct);
                return Results.NoContent();
            }))
            .RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("ReleaseBrake").WithSummary("Release the emergency brake; braked runs are then resumed one by one.");

        guardrails.MapGet("/circuits", async (GuardrailService service, CancellationToken ct) => (await service.StatusAsync(ct)).Circuits)
            .WithName("ListCircuits").WithSummary("Open and half-open circuits, with the budget that ran out and the run that ran it out.");
        guardrails.MapPost("/circuits/reset", (HttpContext context, CircuitResetRequest request, GuardrailService service, CancellationToken ct) =>
            Refusable(async () =>
            {
                await service.ResetCircuitAsync(AuditActor.From(context), request.Scope ?? "", request.Reason, ct);
                return Results.NoContent();
            }))
            .RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("ResetCircuit").WithSummary("Close a circuit ({\"scope\": \"cluster/prod-a\"} or \"fleet\").");

        guardrails.MapGet("/budgets", (GuardrailService service, CancellationToken ct) => service.BudgetsAsync(ct))
            .WithName("ListBudgets").WithSummary("Every budget in force (defaults and admins' changes) with what it has used now.");
        guardrails.MapPut("/budgets", (HttpContext context, BudgetChange change, GuardrailService service, CancellationToken ct) =>
            Refusable(async () => Results.Ok(await service.SetBudgetAsync(AuditActor.From(context), change, ct))))
            .RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("SetBudget")
            .WithSummary("Set one budget: {\"verb\": \"evict\", \"kind\": \"Pod\", \"scope\": \"cluster\", \"window\": \"1m\", \"limit\": 20}; a null limit lifts it.");
        guardrails.MapDelete("/budgets/{verb}/{kind}/{scope}/{window}", (HttpContext context, string verb, string kind, string scope, string window, GuardrailService service, CancellationToken ct) =>
            Refusable(async () =>
            {
                var budgetScope = scope.ToLowerInvariant() switch
                {
                    "cluster" => BudgetScope.Cluster,
                    "fleet" => BudgetScope.Fleet,
                    _ => throw new GuardrailException(GuardrailErrorKind.Invalid, $"scope \"{scope}\" is not a budget scope; use cluster or fleet"),
                };
                await service.ResetBudgetAsync(AuditActor.From(context), verb, kind, budgetScope, window, ct);
                return Results.NoContent();
            }))
            .RequireAuthorization(KeelsonPolicies.PlatformAdmin).WithName("ResetBudget").WithSummary("Undo an admin's change of a budget: back to its default, or gone if it was added.");
        return endpoints;
    }

    private static async Task<IResult> Refusable(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (GuardrailException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.StatusCode);
        }
    }

    /// <summary>The body of <c>POST /api/v1/guardrails/brake</c>.</summary>
    /// <param name="Reason">Why the brake is pulled.</param>
    public sealed record BrakeRequest(string? Reason);

    /// <summary>The body of <c>POST /api/v1/guardrails/circuits/reset</c>.</summary>
    /// <param name="Scope"><c>fleet</c> or <c>cluster/NAME</c>.</param>
    /// <param name="Reason">Why it is safe to go on.</param>
    public sealed record CircuitResetRequest(string? Scope, string? Reason);
}
