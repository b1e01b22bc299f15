using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Executors;
using Keelson.Core.Flows.Expressions;
using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Flows;

/// <summary>
/// Dry runs: walks a flow's tasks in order and asks each executor what it would do (reading the
/// clusters, never writing). Inputs that depend on earlier tasks' outputs are unknown in a dry run;
/// the plan says so where it matters.
/// </summary>
internal sealed class FlowPlanner(FlowStore store, FlowDefinitions definitions)
{
    private const int MaxDepth = 5;

    public async Task<FlowPlan> PlanAsync(string flow, int? version, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var (compiled, resolved) = await LoadAsync(flow, version, parameters, cancellationToken);
        var tasks = await PlanTasksAsync(compiled, resolved, 0, cancellationToken);
        var clusters = tasks.SelectMany(t => t.Actions).GroupBy(a => a.Cluster).OrderBy(g => g.Key ?? "\uffff", StringComparer.Ordinal).Select(g =>
            new FlowClusterPlan(
                g.Key,
                [.. g.Where(a => a.Verb == PlannedVerb.Create)],
                [.. g.Where(a => a.Verb == PlannedVerb.Change)],
                [.. g.Where(a => a.Verb == PlannedVerb.Delete)],
                [.. g.Where(a => a.Verb == PlannedVerb.Evict)],
                [.. g.Where(a => a.Verb == PlannedVerb.Call)])).ToList();
        return new FlowPlan(compiled.Name, compiled.Version, tasks, clusters);
    }

    private async Task<(CompiledFlow Flow, JsonObject Params)> LoadAsync(string flow, int? version, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var row = await store.DefinitionAsync(flow, version, cancellationToken)
            ?? throw new FlowException(FlowExceptionKind.NotFound, version is null ? $"no flow is named \"{flow}\"; apply its definition first" : $"flow \"{flow}\" has no version {version}");
        var compiled = await definitions.GetAsync(row.Name, row.Version, cancellationToken);
        return (compiled, FlowParameters.Resolve(compiled.Definition, parameters));
    }

    private async Task<List<FlowPlanTask>> PlanTasksAsync(CompiledFlow flow, JsonObject parameters, int depth, CancellationToken cancellationToken)
    {
        var tasksScope = new JsonObject();
        foreach (var task in flow.Tasks)
        {
            tasksScope[task.Name] = new JsonObject { ["status"] = "planned", ["outputs"] = new JsonObject() };
        }

        var roots = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["params"] = parameters,
            ["tasks"] = tasksScope,
            ["run"] = new JsonObject { ["id"] = 0, ["flow"] = flow.Name, ["version"] = flow.Version, ["startedBy"] = "dry-run" },
        };
        var plan = new List<FlowPlanTask>();
        foreach (var task in flow.Tasks)
        {
            var scope = new ExpressionScope(roots);
            if (task.When is { } when)
            {
                if (ReadsOutputs(when))
                {
                    plan.Add(await PlanOneAsync(task, task.Name, scope, depth, $"runs only if \"{when.Text}\", which depends on earlier tasks; planned as if true", cancellationToken));
                    continue;
                }

                if (!ExpressionValues.IsTruthy(when.Evaluate(scope)))
                {
                    plan.Add(new FlowPlanTask(task.Name, task.Executor.Name, [], $"skipped: \"{when.Text}\" is false"));
                    continue;
                }
            }

            if (task.ForEach is { } forEach)
            {
                if (forEach.Evaluate(scope) is not JsonArray elements)
                {
                    plan.Add(new FlowPlanTask(task.Name, task.Executor.Name, [], "its forEach list depends on earlier tasks' outputs; not planned"));
                    continue;
                }

                for (var i = 0; i < elements.Count; i++)
                {
                    var itemScope = new ExpressionScope(new Dictionary<string, JsonNode?>(roots) { ["item"] = elements[i], ["index"] = i });
                    plan.Add(await PlanOneAsync(task, $"{task.Name}[{i}]", itemScope, depth, null, cancellationToken));
                }

                continue;
            }

            plan.Add(await PlanOneAsync(task, task.Name, scope, depth, null, cancellationToken));
        }

        return plan;
    }

    private async Task<FlowPlanTask> PlanOneAsync(CompiledTask task, string key, ExpressionScope scope, int depth, string? note, CancellationToken cancellationToken)
    {
        try
        {
            var inputs = InputEvaluator.Evaluate(task, scope, lenient: true);
            var context = new PlanContext(key, new TaskInputs(inputs), depth, PlanFlowAsync);
            return new FlowPlanTask(key, task.Executor.Name, await task.Executor.PlanAsync(context, cancellationToken), note);
        }
        catch (Exception e) when (e is FlowTaskException or FlowException or Clusters.ClusterException or Kubernetes.Http.KubernetesApiException or Kubernetes.Http.KubernetesTransportException)
        {
            var why = task.Inputs.Values.Any(t => t.Expressions.Any(x => ReadsOutputs(x.Expression)))
                ? $"not planned: its inputs depend on earlier tasks' outputs ({e.Message})"
                : $"not planned: {e.Message}";
            return new FlowPlanTask(key, task.Executor.Name, [], note is null ? why : $"{note}; {why}");
        }
    }

    private async Task<IReadOnlyList<PlannedAction>> PlanFlowAsync(string flow, int? version, JsonObject parameters, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new FlowException(FlowExceptionKind.Invalid, $"flows nested deeper than {MaxDepth} levels through flow.run; is a flow running itself?");
        }

        var (compiled, resolved) = await LoadAsync(flow, version, parameters, cancellationToken);
        return [.. (await PlanTasksAsync(compiled, resolved, depth, cancellationToken)).SelectMany(t => t.Actions)];
    }

    private static bool ReadsOutputs(FlowExpression expression) => expression.Paths.Any(p => p[0] == "tasks");
}
