using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Expressions;

namespace Keelson.Core.Flows.Api;

/// <summary>
/// Which clusters a run of a flow acts on, found before it runs: every task's <c>cluster</c> input
/// evaluated with the run's parameters (forEach lists expanded, <c>flow.run</c> sub-flows followed).
/// A cluster that depends on earlier tasks' outputs cannot be known in advance; the answer then says
/// the targets are open, and authorization asks for every registered cluster.
/// </summary>
public sealed class FlowTargets
{
    private const int MaxDepth = 5;
    private const string ClusterInput = "cluster";
    private readonly FlowStore _store;
    private readonly FlowDefinitions _definitions;

    internal FlowTargets(FlowStore store, FlowDefinitions definitions)
    {
        _store = store;
        _definitions = definitions;
    }

    /// <summary>The clusters a run of <paramref name="flow"/> with these (resolved) parameters acts on.</summary>
    /// <exception cref="FlowException">No such flow or version, or wrong parameters.</exception>
    public async Task<RunTargets> ResolveAsync(string flow, int? version, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var compiled = await LoadAsync(flow, version, cancellationToken);
        var resolved = FlowParameters.Resolve(compiled.Definition, parameters);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var open = new List<string>();
        await CollectAsync(compiled, resolved, found, open, 0, cancellationToken);
        return new RunTargets(found, open);
    }

    /// <summary>The clusters an existing run acts on (its stored parameters are already resolved).</summary>
    public async Task<RunTargets> OfRunAsync(string flow, int version, JsonObject parameters, CancellationToken cancellationToken)
    {
        var compiled = await _definitions.GetAsync(flow, version, cancellationToken);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var open = new List<string>();
        await CollectAsync(compiled, parameters, found, open, 0, cancellationToken);
        return new RunTargets(found, open);
    }

    private async Task<CompiledFlow> LoadAsync(string flow, int? version, CancellationToken cancellationToken)
    {
        var row = await _store.DefinitionAsync(flow, version, cancellationToken)
            ?? throw new FlowException(FlowExceptionKind.NotFound, version is null
                ? $"no flow is named \"{flow}\"; apply its definition first (keelson flow apply -f FILE, or POST /api/v1/flows)"
                : $"flow \"{flow}\" has no version {version} (keelson flow get {flow} lists its versions)");
        return await _definitions.GetAsync(row.Name, row.Version, cancellationToken);
    }

    private async Task CollectAsync(CompiledFlow flow, JsonObject parameters, SortedSet<string> found, List<string> open, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            open.Add($"flow {flow.Name} is nested deeper than {MaxDepth} levels");
            return;
        }

        var tasksScope = new JsonObject();
        foreach (var name in flow.ByName.Keys)
        {
            tasksScope[name] = new JsonObject { ["status"] = "planned", ["outputs"] = new JsonObject() };
        }

        var roots = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["params"] = parameters,
            ["tasks"] = tasksScope,
            ["run"] = new JsonObject { ["id"] = 0, ["flow"] = flow.Name, ["version"] = flow.Version, ["startedBy"] = "" },
        };

        foreach (var task in flow.ByName.Values)
        {
            var acts = task.Inputs.ContainsKey(ClusterInput) || task.Executor.Name == "flow.run";
            if (!acts)
            {
                continue;
            }

            var scopes = new List<ExpressionScope>();
            if (task.ForEach is { } forEach)
            {
                JsonNode? list = null;
                if (!ReadsOutputs(forEach))
                {
                    try
                    {
                        list = forEach.Evaluate(new ExpressionScope(roots));
                    }
                    catch (ExpressionException)
                    {
                        // An unevaluable list is an open target, below.
                    }
                }

                if (list is not JsonArray items)
                {
                    open.Add($"task \"{task.Name}\" of flow {flow.Name} runs for each element of a list known only while the flow runs");
                    continue;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    scopes.Add(new ExpressionScope(new Dictionary<string, JsonNode?>(roots) { ["item"] = items[i]?.DeepClone(), ["index"] = i }));
                }
            }
            else
            {
                scopes.Add(new ExpressionScope(roots));
            }

            foreach (var scope in scopes)
            {
                if (task.Inputs.TryGetValue(ClusterInput, out var cluster))
                {
                    if (Evaluate(cluster, scope) is JsonValue value && value.TryGetValue<string>(out var name) && name.Length > 0)
                    {
                        found.Add(name);
                    }
                    else
                    {
                        open.Add($"task \"{task.Name}\" of flow {flow.Name} picks its cluster while the flow runs");
                    }
                }

                if (task.Executor.Name == "flow.run")
                {
                    await CollectChildAsync(task, scope, flow, found, open, depth, cancellationToken);
                }
            }
        }
    }

    private async Task CollectChildAsync(CompiledTask task, ExpressionScope scope, CompiledFlow parent, SortedSet<string> found, List<string> open, int depth, CancellationToken cancellationToken)
    {
        var childName = task.Inputs.TryGetValue("flow", out var f) ? Evaluate(f, scope) : null;
        var childVersion = task.Inputs.TryGetValue("version", out var v) ? Evaluate(v, scope) : null;
        var childParams = task.Inputs.TryGetValue("params", out var p) ? Evaluate(p, scope) : new JsonObject();
        if (childName is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || childParams is not JsonObject given)
        {
            open.Add($"task \"{task.Name}\" of flow {parent.Name} picks its sub-flow or its parameters while the flow runs");
            return;
        }

        try
        {
            int? version = childVersion is JsonValue number && number.TryGetValue<long>(out var n) ? (int)n : null;
            var child = await LoadAsync(name, version, cancellationToken);
            await CollectAsync(child, FlowParameters.Resolve(child.Definition, given), found, open, depth + 1, cancellationToken);
        }
        catch (FlowException e)
        {
            open.Add($"task \"{task.Name}\" of flow {parent.Name} runs flow {name}, which cannot be resolved now: {e.Message}");
        }
    }

    private static JsonNode? Evaluate(FlowTemplate template, ExpressionScope scope)
    {
        if (template.Expressions.Any(e => ReadsOutputs(e.Expression)))
        {
            return null;
        }

        try
        {
            return template.Evaluate(scope);
        }
        catch (ExpressionException)
        {
            return null;
        }
    }

    private static bool ReadsOutputs(FlowTemplate template) => template.Expressions.Any(e => ReadsOutputs(e.Expression));

    private static bool ReadsOutputs(FlowExpression expression) => expression.Paths.Any(p => p.Count > 0 && p[0] == "tasks");
}
