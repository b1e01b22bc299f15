using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Builds the <c>meta.k8s.io/v1 Table</c> kube-apiserver 1.30 returns when a client asks for
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>: the printer columns and cells of
/// <c>pkg/printers/internalversion</c> for the built-in kinds, and the default NAME / CREATED AT table for the rest.
/// </summary>
public static class TableConverter
{
    private const string MetaApiVersion = "meta.k8s.io/v1";

    // One printer per group and kind, as the API server registers one per type; the version does not matter
    // because every served version converts to the same internal type.
    private static readonly Dictionary<(string Group, string Kind), ITablePrinter> Printers = new()
    {
        [("", "Pod")] = new PodPrinter(),
        [("", "Node")] = new NodePrinter(),
        [("", "Namespace")] = new NamespacePrinter(),
        [("", "Service")] = new ServicePrinter(),
        [("", "Endpoints")] = new EndpointsPrinter(),
        [("", "ConfigMap")] = new ConfigMapPrinter(),
        [("", "Secret")] = new SecretPrinter(),
        [("", "ServiceAccount")] = new ServiceAccountPrinter(),
        [("", "Event")] = EventPrinter.Core,
        [("events.k8s.io", "Event")] = EventPrinter.EventsApi,
        [("apps", "Deployment")] = new DeploymentPrinter(),
        [("apps", "ReplicaSet")] = new ReplicaSetPrinter(),
        [("apps", "StatefulSet")] = new StatefulSetPrinter(),
        [("apps", "DaemonSet")] = new DaemonSetPrinter(),
        [("apps", "ControllerRevision")] = new ControllerRevisionPrinter(),
        [("batch", "Job")] = new JobPrinter(),
        [("coordination.k8s.io", "Lease")] = new LeasePrinter(),
        [("policy", "PodDisruptionBudget")] = new PodDisruptionBudgetPrinter(),
    };

    /// <summary>
    /// Converts the items of a list (or a single object, as a list of one) of <paramref name="kind"/> in
    /// <paramref name="apiVersion"/> into a Table.
    /// </summary>
    /// <param name="apiVersion">The API version the items were requested in, e.g. <c>v1</c> or <c>apps/v1</c>.</param>
    /// <param name="kind">The kind of the items, e.g. <c>Pod</c>.</param>
    /// <param name="items">The objects, in the order the rows should have.</param>
    /// <param name="options">The clock, the request's table options and the list metadata to carry.</param>
    /// <returns>The Table, ready to serialize as the response body.</returns>
    public static JsonObject Convert(string apiVersion, string kind, IReadOnlyList<JsonObject> items, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);

        var printer = Printers.GetValueOrDefault((GroupOf(apiVersion), kind), DefaultPrinter.Instance);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var printed = printer.Print(item, options.Now);
            var row = new JsonObject { ["cells"] = printed.Cells };
            if (printed.Conditions is not null)
            {
                row["conditions"] = printed.Conditions;
            }

            row["object"] = RowObject(item, apiVersion, kind, options.IncludeObject);
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = MetaApiVersion,
            ["metadata"] = ListMetadata(options),
            ["columnDefinitions"] = options.NoHeaders ? null : new JsonArray([.. printer.Columns.Select(c => (JsonNode)c.ToJson())]),
            ["rows"] = rows,
        };
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    private static JsonObject ListMetadata(TableOptions options)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(options.ResourceVersion))
        {
            metadata["resourceVersion"] = options.ResourceVersion;
        }

        if (!string.IsNullOrEmpty(options.Continue))
        {
            metadata["continue"] = options.Continue;
        }

        if (options.RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        return metadata;
    }

    private static JsonObject? RowObject(JsonObject item, string apiVersion, string kind, IncludeObjectPolicy policy)
    {
        switch (policy)
        {
            case IncludeObjectPolicy.None:
                return null;
            case IncludeObjectPolicy.Object:
                var whole = (JsonObject)item.DeepClone();
                // The server converts each row's object to the request's version, which stamps its type.
                whole["apiVersion"] ??= apiVersion;
                whole["kind"] ??= kind;
                return whole;
            default:
                return new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = MetaApiVersion,
                    ["metadata"] = item["metadata"]?.DeepClone() ?? new JsonObject(),
                };
        }
    }
}
