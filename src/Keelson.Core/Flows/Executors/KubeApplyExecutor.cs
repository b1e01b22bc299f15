using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Core.Clusters;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Flows.Executors;

/// <summary><c>kube.apply</c>: server-side apply of one or more objects (a mapping, a list, or YAML text).</summary>
public sealed class KubeApplyExecutor(ClusterClients clusters) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "kube.apply";

    /// <inheritdoc />
    public override string Description => "Server-side applies objects to a cluster (creates or changes them), as kubectl apply --server-side does.";

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("cluster", FlowValueType.String, "the registered cluster"),
        ExecutorInput.Require("manifest", FlowValueType.Any, "the objects: one object, a list of objects, or YAML text with '---' between objects"),
        ExecutorInput.Optional("namespace", FlowValueType.String, "the namespace of namespaced objects that name none"),
        ExecutorInput.Optional("fieldManager", FlowValueType.String, "the field manager the applied fields are recorded under", "keelson"),
        ExecutorInput.Optional("force", FlowValueType.Boolean, "take fields owned by other managers instead of failing with a conflict", false),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cluster = context.Inputs.String("cluster");
        var objects = Objects(context.Inputs);
        var client = await clusters.GetAsync(cluster, cancellationToken);
        var manager = context.Inputs.OptionalString("fieldManager") ?? "keelson";
        var force = context.Inputs.Boolean("force");
        await context.CheckGateAsync(new FlowAction(FlowActionVerb.Apply, CommonKind(objects), cluster, CommonNamespace(objects), [.. objects.Select(o => o.Metadata.Name!)]), cancellationToken);
        var applied = new JsonArray();
        foreach (var obj in objects)
        {
            var resource = await client.ResourceAsync(obj.ApiVersion!, obj.Kind!, obj.Metadata.Namespace, cancellationToken);
            var action = new FlowAction(FlowActionVerb.Apply, obj.Kind!, cluster, resource.Resource.Namespaced ? obj.Metadata.Namespace : null, [obj.Metadata.Name!]);
            var result = await context.OnceAsync($"apply/{obj.ApiVersion}/{obj.Kind}/{obj.Metadata.Namespace}/{obj.Metadata.Name}", action, async ct =>
            {
                var stored = await resource.ApplyAsync(obj, manager, force, ct);
                return new JsonObject
                {
                    ["apiVersion"] = obj.ApiVersion,
                    ["kind"] = obj.Kind,
                    ["namespace"] = stored.Metadata.Namespace,
                    ["name"] = stored.Metadata.Name,
                    ["uid"] = stored.Metadata.Uid,
                    ["resourceVersion"] = stored.Metadata.ResourceVersion,
                };
            }, cancellationToken);
            applied.Add(result);
        }

        return TaskOutcome.Succeeded(new JsonObject { ["applied"] = applied });
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cluster = context.Inputs.String("cluster");
        var client = await clusters.GetAsync(cluster, cancellationToken);
        var actions = new List<PlannedAction>();
        foreach (var obj in Objects(context.Inputs))
        {
            var resource = await client.ResourceAsync(obj.ApiVersion!, obj.Kind!, obj.Metadata.Namespace, cancellationToken);
            var exists = await resource.GetOrNullAsync(obj.Metadata.Name!, cancellationToken) is not null;
            actions.Add(new PlannedAction(exists ? PlannedVerb.Change : PlannedVerb.Create, cluster, obj.Kind!, resource.Resource.Namespaced ? obj.Metadata.Namespace : null, obj.Metadata.Name!));
        }

        return actions;
    }

    private static List<GenericObject> Objects(TaskInputs inputs)
    {
        var manifest = inputs.Node("manifest");
        var nodes = manifest switch
        {
            JsonArray list => [.. list],
            JsonObject obj => [obj],
            JsonValue v when v.TryGetValue<string>(out var yaml) => Parse(yaml),
            _ => throw new FlowTaskException(FlowErrorKind.Invalid, "input \"manifest\" must be an object, a list of objects or YAML text"),
        };
        var defaultNamespace = inputs.OptionalString("namespace");
        var objects = new List<GenericObject>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not JsonObject node)
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"manifest object {i + 1} is not a mapping");
            }

            var obj = node.Deserialize<GenericObject>(KubernetesJson.Options)!;
            if (string.IsNullOrEmpty(obj.ApiVersion) || string.IsNullOrEmpty(obj.Kind) || string.IsNullOrEmpty(obj.Metadata.Name))
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"manifest object {i + 1} needs apiVersion, kind and metadata.name");
            }

            obj.Metadata.Namespace ??= defaultNamespace;
            objects.Add(obj);
        }

        return objects.Count > 0 ? objects : throw new FlowTaskException(FlowErrorKind.Invalid, "input \"manifest\" holds no objects");
    }

    private static List<JsonNode?> Parse(string yaml)
    {
        try
        {
            return [.. YamlJson.ToJsonNodes(yaml, "input manifest")];
        }
        catch (ManifestException e)
        {
            throw new FlowTaskException(FlowErrorKind.Invalid, e.Message);
        }
    }

    private static string CommonKind(List<GenericObject> objects) =>
        objects.Select(o => o.Kind!).Distinct().Count() == 1 ? objects[0].Kind! : "objects";

    private static string? CommonNamespace(List<GenericObject> objects) =>
        objects.Select(o => o.Metadata.Namespace).Distinct().Count() == 1 ? objects[0].Metadata.Namespace : null;
}
