namespace Keelson.Simulator.Schema;

/// <summary>
/// The REST paths and operations kube-apiserver declares for a group-version, in a form both OpenAPI writers
/// (v3 per group-version, v2 for everything) render: operation ids, <c>x-kubernetes-action</c>, the kind each
/// operation is about, and the query parameters of each verb (notably <c>fieldValidation</c>, <c>fieldManager</c>,
/// <c>dryRun</c> and <c>force</c> on writes).
/// </summary>
internal static class ApiPaths
{
    private const string FieldValidationDescription = "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.";

    private static readonly Parameter Pretty = Query("pretty", "string", "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).");
    private static readonly Parameter DryRun = Query("dryRun", "string", "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed");
    private static readonly Parameter FieldManager = Query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.");
    private static readonly Parameter PatchFieldManager = Query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch).");
    private static readonly Parameter FieldValidation = Query("fieldValidation", "string", FieldValidationDescription);
    private static readonly Parameter Force = Query("force", "boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.");

    private static readonly Parameter[] DeleteOptions =
    [
        Query("dryRun", "string", DryRun.Description),
        Query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately."),
        Query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the \"orphan\" finalizer will be added to/removed from the object's finalizers list. Either this field or PropagationPolicy may be set, but not both."),
        Query("propagationPolicy", "string", "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground."),
    ];

    private static readonly Parameter[] ListOptions =
    [
        Query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server's discretion."),
        Query("continue", "string", "The continue option should be set when retrieving more results from the server. Since this value is server defined, clients may only use the continue value from a previous query result with identical query parameters (except for the value of continue) and the server may reject a continue value it does not recognize."),
        Query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. Defaults to everything."),
        Query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. Defaults to everything."),
        Query("limit", "integer", "limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results."),
        Query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details.\n\nDefaults to unset"),
        Query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls. It is highly recommended that resourceVersionMatch be set for list calls where resourceVersion is set See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details.\n\nDefaults to unset"),
        Query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection."),
        Query("timeoutSeconds", "integer", "Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity."),
        Query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion."),
    ];

    private static readonly Parameter[] LogOptions =
    [
        Query("container", "string", "The container for which to stream logs. Defaults to only container if there is one container in the pod."),
        Query("follow", "boolean", "Follow the log stream of the pod. Defaults to false."),
        Query("insecureSkipTLSVerifyBackend", "boolean", "insecureSkipTLSVerifyBackend indicates that the apiserver should not confirm the validity of the serving certificate of the backend it is connecting to."),
        Query("limitBytes", "integer", "If set, the number of bytes to read from the server before terminating the log output."),
        Query("previous", "boolean", "Return previous terminated container logs. Defaults to false."),
        Query("sinceSeconds", "integer", "A relative time in seconds before the current time from which to show logs."),
        Query("tailLines", "integer", "If set, the number of lines from the end of the logs to show."),
        Query("timestamps", "boolean", "If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of every line of log output. Defaults to false."),
    ];

    private static readonly string[] ObjectContent = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
    private static readonly string[] StreamContent = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf", "application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch"];
    private static readonly string[] PatchContent = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    /// <summary>The path of a group-version's document: <c>api/v1</c> or <c>apis/apps/v1</c>.</summary>
    public static string DocumentPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    /// <summary>Every path of one group-version, in path order.</summary>
    public static IReadOnlyList<PathItem> For(SchemaRegistry registry, string group, string version)
    {
        var prefix = "/" + DocumentPath(group, version);
        var tag = $"{GroupIdentifier(group).ToLowerInvariant()}_{version}";
        var naming = $"{GroupIdentifier(group)}{char.ToUpperInvariant(version[0])}{version[1..]}";
        var meta = (string name) => registry.Definitions[$"io.k8s.apimachinery.pkg.apis.meta.v1.{name}"];
        var status = meta("Status");
        var paths = new List<PathItem>
        {
            new($"{prefix}/", [], [new Operation("get", $"get{naming}APIResources", "get available resources", null, null, [], null, [], [Ok(meta("APIResourceList"), ObjectContent)], tag)]),
        };

        foreach (var resource in registry.Resources.Where(r => r.Resource.Group == group && r.Resource.Version == version))
        {
            var kind = resource.Resource.Kind;
            var gvk = resource.GroupVersionKind;
            var plural = resource.Resource.Plural;
            var namespaced = resource.Resource.Namespaced;
            var scope = namespaced ? "Namespaced" : "";
            var collection = namespaced ? $"{prefix}/namespaces/{{namespace}}/{plural}" : $"{prefix}/{plural}";
            var item = $"{collection}/{{name}}";
            var collectionParameters = namespaced ? new[] { Namespace, Pretty } : [Pretty];
            var itemParameters = namespaced ? new[] { Name(kind), Namespace, Pretty } : [Name(kind), Pretty];
            var schema = resource.Schema;
            Operation Op(string method, string verb, string description, string action, Parameter[] parameters, TypeSchema? body, string[] bodyContent, Response[] responses, string suffix = "", GroupVersionKind? about = null) =>
                new(method, $"{verb}{naming}{scope}{kind}{suffix}", description, action, about ?? gvk, parameters, body, bodyContent, responses, tag);

            if (namespaced && resource.Supports("list"))
            {
                paths.Add(new PathItem($"{prefix}/{plural}", [.. ListOptions, Pretty],
                [
                    new Operation("get", $"list{naming}{kind}ForAllNamespaces", $"list or watch objects of kind {kind}", "list", gvk, [], null, [], [Ok(resource.ListSchema, StreamContent)], tag),
                ]));
            }

            var collectionOperations = new List<Operation>();
            if (resource.Supports("list"))
            {
                collectionOperations.Add(Op("get", "list", $"list or watch objects of kind {kind}", "list", ListOptions, null, [], [Ok(resource.ListSchema, StreamContent)]));
            }

            if (resource.Supports("create"))
            {
                collectionOperations.Add(Op("post", "create", $"create a{An(kind)} {kind}", "post", [DryRun, FieldManager, FieldValidation], schema, ["*/*"], Created(schema, accepted: true)));
            }

            if (resource.Supports("deletecollection"))
            {
                collectionOperations.Add(Op("delete", "delete", $"delete collection of {kind}", "deletecollection", [.. DeleteOptions, .. ListOptions.Where(p => p.Name != "watch" && p.Name != "allowWatchBookmarks")], meta("DeleteOptions"), ["*/*"], [Ok(status, ObjectContent)], "", gvk).WithId($"delete{naming}Collection{scope}{kind}"));
            }

            if (collectionOperations.Count > 0)
            {
                paths.Add(new PathItem(collection, collectionParameters, collectionOperations));
            }

            var itemOperations = new List<Operation>();
            if (resource.Supports("get"))
            {
                itemOperations.Add(Op("get", "read", $"read the specified {kind}", "get", [], null, [], [Ok(schema, ObjectContent)]));
            }

            if (resource.Supports("update"))
            {
                itemOperations.Add(Op("put", "replace", $"replace the specified {kind}", "put", [DryRun, FieldManager, FieldValidation], schema, ["*/*"], Created(schema, accepted: false)));
            }

            if (resource.Supports("patch"))
            {
                itemOperations.Add(Op("patch", "patch", $"partially update the specified {kind}", "patch", [DryRun, PatchFieldManager, FieldValidation, Force], meta("Patch"), PatchContent, Created(schema, accepted: false)));
            }

            if (resource.Supports("delete"))
            {
                itemOperations.Add(Op("delete", "delete", $"delete a{An(kind)} {kind}", "delete", DeleteOptions, meta("DeleteOptions"), ["*/*"], [Ok(status, ObjectContent), new Response(202, "Accepted", status, ObjectContent)]));
            }

            if (itemOperations.Count > 0)
            {
                paths.Add(new PathItem(item, itemParameters, itemOperations));
            }

            foreach (var subresource in resource.Subresources)
            {
                switch (subresource)
                {
                    case "status":
                        paths.Add(new PathItem($"{item}/status", itemParameters,
                        [
                            Op("get", "read", $"read status of the specified {kind}", "get", [], null, [], [Ok(schema, ObjectContent)], "Status"),
                            Op("put", "replace", $"replace status of the specified {kind}", "put", [DryRun, FieldManager, FieldValidation], schema, ["*/*"], Created(schema, accepted: false), "Status"),
                            Op("patch", "patch", $"partially update status of the specified {kind}", "patch", [DryRun, PatchFieldManager, FieldValidation, Force], meta("Patch"), PatchContent, Created(schema, accepted: false), "Status"),
                        ]));
                        break;
                    case "scale":
                        var scale = registry.For("autoscaling/v1", "Scale")!;
                        var scaleGvk = new GroupVersionKind("autoscaling", "v1", "Scale");
                        paths.Add(new PathItem($"{item}/scale", [Name("Scale"), .. itemParameters.Skip(1)],
                        [
                            Op("get", "read", $"read scale of the specified {kind}", "get", [], null, [], [Ok(scale, ObjectContent)], "Scale", scaleGvk),
                            Op("put", "replace", $"replace scale of the specified {kind}", "put", [DryRun, FieldManager, FieldValidation], scale, ["*/*"], Created(scale, accepted: false), "Scale", scaleGvk),
                            Op("patch", "patch", $"partially update scale of the specified {kind}", "patch", [DryRun, PatchFieldManager, FieldValidation, Force], meta("Patch"), PatchContent, Created(scale, accepted: false), "Scale", scaleGvk),
                        ]));
                        break;
                    case "eviction":
                        var eviction = registry.For("policy/v1", "Eviction")!;
                        paths.Add(new PathItem($"{item}/eviction", [Name("Eviction"), .. itemParameters.Skip(1)],
                        [
                            Op("post", "create", $"create eviction of a{An(kind)} {kind}", "post", [DryRun, FieldManager, FieldValidation], eviction, ["*/*"], Created(eviction, accepted: true), "Eviction", new GroupVersionKind("policy", "v1", "Eviction")),
                        ]));
                        break;
                    case "binding":
                        var binding = registry.For("v1", "Binding")!;
                        paths.Add(new PathItem($"{item}/binding", [Name("Binding"), .. itemParameters.Skip(1)],
                        [
                            Op("post", "create", $"create binding of a{An(kind)} {kind}", "post", [DryRun, FieldManager, FieldValidation], binding, ["*/*"], Created(binding, accepted: true), "Binding", new GroupVersionKind("", "v1", "Binding")),
                        ]));
                        break;
                    case "log":
                        paths.Add(new PathItem($"{item}/log", itemParameters,
                        [
                            Op("get", "read", $"read log of the specified {kind}", "get", LogOptions, null, [], [new Response(200, "OK", null, ["text/plain", "application/json", "application/yaml", "application/vnd.kubernetes.protobuf"])], "Log"),
                        ]));
                        break;
                    case "finalize":
                        paths.Add(new PathItem($"{item}/finalize", itemParameters,
                        [
                            Op("put", "replace", $"replace finalize of the specified {kind}", "put", [DryRun, FieldManager, FieldValidation], schema, ["*/*"], Created(schema, accepted: false), "Finalize"),
                        ]));
                        break;
                    default:
                        throw new InvalidOperationException($"resource {resource} declares unknown subresource '{subresource}'");
                }
            }

            if (resource.Supports("watch"))
            {
                var watchEvent = meta("WatchEvent");
                var watchPrefix = namespaced ? $"{prefix}/watch/namespaces/{{namespace}}/{plural}" : $"{prefix}/watch/{plural}";
                if (namespaced)
                {
                    paths.Add(new PathItem($"{prefix}/watch/{plural}", [.. ListOptions, Pretty],
                    [
                        new Operation("get", $"watch{naming}{kind}ListForAllNamespaces", $"watch individual changes to a list of {kind}. deprecated: use the 'watch' parameter with a list operation instead.", "watchlist", gvk, [], null, [], [Ok(watchEvent, StreamContent)], tag),
                    ]));
                }

                paths.Add(new PathItem(watchPrefix, [.. ListOptions, .. collectionParameters],
                [
                    Op("get", "watch", $"watch individual changes to a list of {kind}. deprecated: use the 'watch' parameter with a list operation instead.", "watchlist", [], null, [], [Ok(watchEvent, StreamContent)], "List"),
                ]));
                paths.Add(new PathItem($"{watchPrefix}/{{name}}", [.. ListOptions, .. itemParameters],
                [
                    Op("get", "watch", $"watch changes to an object of kind {kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.", "watch", [], null, [], [Ok(watchEvent, StreamContent)]),
                ]));
            }
        }

        return paths.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }

    private static Parameter Namespace => new("namespace", "path", "string", "object name and auth scope, such as for teams and projects", Required: true);

    private static Parameter Name(string kind) => new("name", "path", "string", $"name of the {kind}", Required: true);

    private static Parameter Query(string name, string type, string? description) => new(name, "query", type, description, Required: false);

    private static Response Ok(TypeSchema schema, string[] content) => new(200, "OK", schema, content);

    private static Response[] Created(TypeSchema schema, bool accepted) =>
        accepted
            ? [Ok(schema, ObjectContent), new Response(201, "Created", schema, ObjectContent), new Response(202, "Accepted", schema, ObjectContent)]
            : [Ok(schema, ObjectContent), new Response(201, "Created", schema, ObjectContent)];

    private static string An(string kind) => "AEIOU".Contains(kind[0], StringComparison.Ordinal) ? "n" : "";

    /// <summary>How operation ids name a group: <c>Core</c>, <c>Apps</c>, <c>Coordination</c> (for coordination.k8s.io).</summary>
    private static string GroupIdentifier(string group)
    {
        if (group.Length == 0)
        {
            return "Core";
        }

        var trimmed = group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group;
        return string.Concat(trimmed.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }

    /// <summary>One path and its operations.</summary>
    internal sealed record PathItem(string Path, IReadOnlyList<Parameter> Parameters, IReadOnlyList<Operation> Operations);

    /// <summary>One operation: HTTP method, ids, the kind it concerns, parameters, body and responses.</summary>
    internal sealed record Operation(
        string Method,
        string Id,
        string Description,
        string? Action,
        GroupVersionKind? Kind,
        IReadOnlyList<Parameter> Parameters,
        TypeSchema? Body,
        IReadOnlyList<string> BodyContent,
        IReadOnlyList<Response> Responses,
        string Tag)
    {
        public Operation WithId(string id) => this with { Id = id };
    }

    /// <summary>A query or path parameter.</summary>
    internal sealed record Parameter(string Name, string In, string Type, string? Description, bool Required);

    /// <summary>A response: status code and the schema of its body (null for plain text).</summary>
    internal sealed record Response(int Code, string Description, TypeSchema? Schema, IReadOnlyList<string> Content);
}
