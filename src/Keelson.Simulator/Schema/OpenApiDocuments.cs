using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// The OpenAPI documents kube-apiserver serves, generated from a <see cref="SchemaRegistry"/> and built once, on first use:
/// <list type="bullet">
/// <item><c>/openapi/v3</c>: <see cref="V3Root"/>, linking one document per group-version with its hash;</item>
/// <item><c>/openapi/v3/api/v1</c>, <c>/openapi/v3/apis/apps/v1</c>, ...: <see cref="V3"/>;</item>
/// <item><c>/openapi/v2</c>: <see cref="V2"/> (JSON) and <see cref="V2Protobuf"/>.</item>
/// </list>
/// kubectl ≥1.27 reads the v3 documents to decide whether the server validates fields (a <c>fieldValidation</c>
/// parameter on the kind's PATCH operations), to compute client-side apply patches (the patch extensions on each
/// property), and for <c>kubectl explain</c> (schemas found by <c>x-kubernetes-group-version-kind</c>).
/// </summary>
public sealed class OpenApiDocuments
{
    /// <summary>
    /// The <c>Content-Type</c> to answer <see cref="V2Protobuf"/> with. Clients ask with the older spelling
    /// (<c>...spec.v2@v1.0+protobuf</c>), but Go's MIME parser rejects the <c>@</c>, so kube-apiserver answers with this one.
    /// </summary>
    public const string V2ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>The Kubernetes version the documents describe (<c>info.version</c>).</summary>
    public const string KubernetesVersion = "v1.30.0";

    private static readonly Lazy<OpenApiDocuments> BuiltInDocuments = new(() => new OpenApiDocuments(SchemaRegistry.BuiltIn));

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SchemaRegistry _registry;
    private readonly Lazy<FrozenDictionary<string, OpenApiDocument>> _v3;
    private readonly Lazy<OpenApiDocument> _v3Root;
    private readonly Lazy<(OpenApiDocument Json, OpenApiDocument Protobuf)> _v2;

    /// <summary>Creates the documents of <paramref name="registry"/>; nothing is built until first asked for.</summary>
    public OpenApiDocuments(SchemaRegistry registry)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _v3 = new Lazy<FrozenDictionary<string, OpenApiDocument>>(BuildV3);
        _v3Root = new Lazy<OpenApiDocument>(BuildV3Root);
        _v2 = new Lazy<(OpenApiDocument, OpenApiDocument)>(BuildV2);
    }

    /// <summary>The documents of the built-in registry.</summary>
    public static OpenApiDocuments BuiltIn => BuiltInDocuments.Value;

    /// <summary>The <c>/openapi/v3</c> discovery document: <c>{"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=..."}}}</c>.</summary>
    public OpenApiDocument V3Root => _v3Root.Value;

    /// <summary>The group-version paths that have a v3 document, e.g. <c>api/v1</c>, <c>apis/apps/v1</c>.</summary>
    public IReadOnlyCollection<string> V3Paths => _v3.Value.Keys;

    /// <summary>The Swagger 2.0 document of every served path, as JSON.</summary>
    public OpenApiDocument V2 => _v2.Value.Json;

    /// <summary>
    /// The same Swagger 2.0 document as gnostic protobuf, for <c>Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>:
    /// kubectl 1.20–1.28 fetch <c>/openapi/v2</c> only this way and fail on JSON.
    /// </summary>
    public OpenApiDocument V2Protobuf => _v2.Value.Protobuf;

    /// <summary>The v3 document of a group-version, or null when none is served.</summary>
    /// <param name="path">The path after <c>/openapi/v3/</c>: <c>api/v1</c> or <c>apis/{group}/{version}</c>.</param>
    public OpenApiDocument? V3(string path) => _v3.Value.GetValueOrDefault(path);

    private IEnumerable<(string Group, string Version)> GroupVersions() =>
        _registry.Resources.Select(r => (r.Resource.Group, r.Resource.Version)).Distinct();

    private FrozenDictionary<string, OpenApiDocument> BuildV3()
    {
        var writer = new OpenApiWriter(v3: true);
        var documents = new Dictionary<string, OpenApiDocument>(StringComparer.Ordinal);
        foreach (var (group, version) in GroupVersions())
        {
            var paths = ApiPaths.For(_registry, group, version);
            var document = new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesVersion },
                ["paths"] = new JsonObject(paths.Select(p => KeyValuePair.Create(p.Path, (JsonNode?)V3PathItem(writer, p)))),
                ["components"] = new JsonObject
                {
                    ["schemas"] = new JsonObject(OpenApiWriter.Referenced(paths)
                        .Select(t => KeyValuePair.Create(t.Name!, (JsonNode?)writer.Definition(t)))),
                    ["securitySchemes"] = new JsonObject
                    {
                        ["BearerToken"] = new JsonObject
                        {
                            ["description"] = "Bearer Token authentication",
                            ["in"] = "header",
                            ["name"] = "authorization",
                            ["type"] = "apiKey",
                        },
                    },
                },
                ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
            };
            documents[ApiPaths.DocumentPath(group, version)] = Serialize(document);
        }

        return documents.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private OpenApiDocument BuildV3Root() => Serialize(new JsonObject
    {
        ["paths"] = new JsonObject(_v3.Value.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
        {
            ["serverRelativeURL"] = $"/openapi/v3/{p.Key}?hash={p.Value.Hash}",
        }))),
    });

    private static JsonObject V3PathItem(OpenApiWriter writer, ApiPaths.PathItem path)
    {
        var item = new JsonObject();
        foreach (var operation in path.Operations)
        {
            var op = new JsonObject
            {
                ["description"] = operation.Description,
                ["operationId"] = operation.Id,
            };
            if (operation.Parameters.Count > 0)
            {
                op["parameters"] = new JsonArray(operation.Parameters.Select(p => (JsonNode?)V3Parameter(p)).ToArray());
            }

            if (operation.Body is { } body)
            {
                op["requestBody"] = new JsonObject
                {
                    ["content"] = new JsonObject(operation.BodyContent.Select(c => KeyValuePair.Create(c, (JsonNode?)new JsonObject { ["schema"] = writer.Reference(body) }))),
                    ["required"] = true,
                };
            }

            var responses = new JsonObject();
            foreach (var response in operation.Responses)
            {
                responses[response.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
                {
                    ["content"] = new JsonObject(response.Content.Select(c => KeyValuePair.Create(c, (JsonNode?)new JsonObject
                    {
                        ["schema"] = response.Schema is null ? new JsonObject { ["type"] = "string" } : writer.Reference(response.Schema),
                    }))),
                    ["description"] = response.Description,
                };
            }

            responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
            op["responses"] = responses;
            op["tags"] = new JsonArray(operation.Tag);
            AddKubernetesExtensions(op, operation);
            item[operation.Method] = op;
        }

        if (path.Parameters.Count > 0)
        {
            item["parameters"] = new JsonArray(path.Parameters.Select(p => (JsonNode?)V3Parameter(p)).ToArray());
        }

        return item;
    }

    private static JsonObject V3Parameter(ApiPaths.Parameter parameter)
    {
        var result = new JsonObject();
        if (parameter.Description is not null)
        {
            result["description"] = parameter.Description;
        }

        result["in"] = parameter.In;
        result["name"] = parameter.Name;
        if (parameter.Required)
        {
            result["required"] = true;
        }

        result["schema"] = new JsonObject { ["type"] = parameter.Type, ["uniqueItems"] = true };
        return result;
    }

    private (OpenApiDocument Json, OpenApiDocument Protobuf) BuildV2()
    {
        var writer = new OpenApiWriter(v3: false);
        var allPaths = GroupVersions().SelectMany(gv => ApiPaths.For(_registry, gv.Group, gv.Version)).ToList();
        var document = new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesVersion },
            ["paths"] = new JsonObject(allPaths.Select(p => KeyValuePair.Create(p.Path, (JsonNode?)V2PathItem(writer, p)))),
            ["definitions"] = new JsonObject(OpenApiWriter.Referenced(allPaths)
                .Select(t => KeyValuePair.Create(t.Name!, (JsonNode?)writer.Definition(t)))),
            ["securityDefinitions"] = new JsonObject
            {
                ["BearerToken"] = new JsonObject
                {
                    ["description"] = "Bearer Token authentication",
                    ["in"] = "header",
                    ["name"] = "authorization",
                    ["type"] = "apiKey",
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        };
        var sorted = (JsonObject)SortKeys(document)!;
        var protobuf = OpenApiV2Protobuf.Encode(sorted);
        return (Serialize(sorted), new OpenApiDocument(protobuf, Convert.ToHexString(SHA512.HashData(protobuf))));
    }

    private static JsonObject V2PathItem(OpenApiWriter writer, ApiPaths.PathItem path)
    {
        var item = new JsonObject();
        foreach (var operation in path.Operations)
        {
            var parameters = operation.Parameters.Select(p => (JsonNode?)V2Parameter(p)).ToList();
            if (operation.Body is { } body)
            {
                parameters.Insert(0, new JsonObject { ["in"] = "body", ["name"] = "body", ["required"] = true, ["schema"] = writer.Reference(body) });
            }

            var op = new JsonObject
            {
                ["consumes"] = new JsonArray(operation.BodyContent.Count > 0 ? operation.BodyContent.Select(c => (JsonNode?)c).ToArray() : [(JsonNode?)"*/*"]),
                ["description"] = operation.Description,
                ["operationId"] = operation.Id,
            };
            if (parameters.Count > 0)
            {
                op["parameters"] = new JsonArray([.. parameters]);
            }

            op["produces"] = new JsonArray(operation.Responses[0].Content.Select(c => (JsonNode?)c).ToArray());
            var responses = new JsonObject();
            foreach (var response in operation.Responses)
            {
                responses[response.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
                {
                    ["description"] = response.Description,
                    ["schema"] = response.Schema is null ? new JsonObject { ["type"] = "string" } : writer.Reference(response.Schema),
                };
            }

            responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
            op["responses"] = responses;
            op["schemes"] = new JsonArray("https");
            op["tags"] = new JsonArray(operation.Tag);
            AddKubernetesExtensions(op, operation);
            item[operation.Method] = op;
        }

        if (path.Parameters.Count > 0)
        {
            item["parameters"] = new JsonArray(path.Parameters.Select(p => (JsonNode?)V2Parameter(p)).ToArray());
        }

        return item;
    }

    private static JsonObject V2Parameter(ApiPaths.Parameter parameter)
    {
        var result = new JsonObject();
        if (parameter.Description is not null)
        {
            result["description"] = parameter.Description;
        }

        result["in"] = parameter.In;
        result["name"] = parameter.Name;
        if (parameter.Required)
        {
            result["required"] = true;
        }

        result["type"] = parameter.Type;
        result["uniqueItems"] = true;
        return result;
    }

    private static void AddKubernetesExtensions(JsonObject op, ApiPaths.Operation operation)
    {
        if (operation.Action is not null)
        {
            op["x-kubernetes-action"] = operation.Action;
        }

        if (operation.Kind is { } gvk)
        {
            op["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version };
        }
    }

    private static OpenApiDocument Serialize(JsonObject document)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(SortKeys(document), Compact);
        return new OpenApiDocument(json, Convert.ToHexString(SHA512.HashData(json)));
    }

    /// <summary>Object keys in byte order, as Go's encoder writes maps, so documents and hashes are stable.</summary>
    private static JsonNode? SortKeys(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, SortKeys(p.Value)))),
        JsonArray array => new JsonArray(array.Select(SortKeys).ToArray()),
        _ => node?.DeepClone(),
    };
}
