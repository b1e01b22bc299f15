using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Tests.Schema;

public class OpenApiDocumentsTests
{
    private static readonly OpenApiDocuments Documents = OpenApiDocuments.BuiltIn;

    public static TheoryData<string> V3Paths
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in Documents.V3Paths.Order(StringComparer.Ordinal))
            {
                data.Add(path);
            }

            return data;
        }
    }

    [Fact]
    public void V3Root_LinksOneDocumentPerServedGroupVersionWithItsHash()
    {
        var root = JsonNode.Parse(Documents.V3Root.Json.Span)!["paths"]!.AsObject();

        var expected = SchemaRegistry.BuiltIn.Resources
            .Select(r => r.Resource.Group.Length == 0 ? $"api/{r.Resource.Version}" : $"apis/{r.Resource.Group}/{r.Resource.Version}")
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, root.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (path, link) in root)
        {
            var document = Documents.V3(path)!;
            Assert.Equal($"/openapi/v3/{path}?hash={document.Hash}", (string)link!["serverRelativeURL"]!);
            Assert.Equal(Convert.ToHexString(SHA512.HashData(document.Json.Span)), document.Hash);
        }
    }

    [Theory]
    [InlineData("api/v1", "", "v1", "Pod")]
    [InlineData("api/v1", "", "v1", "Node")]
    [InlineData("api/v1", "", "v1", "Namespace")]
    [InlineData("api/v1", "", "v1", "Service")]
    [InlineData("api/v1", "", "v1", "Endpoints")]
    [InlineData("api/v1", "", "v1", "ConfigMap")]
    [InlineData("api/v1", "", "v1", "Secret")]
    [InlineData("api/v1", "", "v1", "Event")]
    [InlineData("api/v1", "", "v1", "ServiceAccount")]
    [InlineData("api/v1", "policy", "v1", "Eviction")]
    [InlineData("apis/apps/v1", "apps", "v1", "Deployment")]
    [InlineData("apis/apps/v1", "apps", "v1", "ReplicaSet")]
    [InlineData("apis/apps/v1", "apps", "v1", "StatefulSet")]
    [InlineData("apis/apps/v1", "apps", "v1", "DaemonSet")]
    [InlineData("apis/apps/v1", "apps", "v1", "ControllerRevision")]
    [InlineData("apis/apps/v1", "autoscaling", "v1", "Scale")]
    [InlineData("apis/batch/v1", "batch", "v1", "Job")]
    [InlineData("apis/coordination.k8s.io/v1", "coordination.k8s.io", "v1", "Lease")]
    [InlineData("apis/policy/v1", "policy", "v1", "PodDisruptionBudget")]
    [InlineData("apis/events.k8s.io/v1", "events.k8s.io", "v1", "Event")]
    [InlineData("apis/metrics.k8s.io/v1beta1", "metrics.k8s.io", "v1beta1", "NodeMetrics")]
    [InlineData("apis/metrics.k8s.io/v1beta1", "metrics.k8s.io", "v1beta1", "PodMetrics")]
    public void V3_ServedKind_HasSchemaTaggedWithItsGroupVersionKind(string path, string group, string version, string kind)
    {
        var schemas = Document(path)["components"]!["schemas"]!.AsObject();

        var tagged = schemas.Where(s => s.Value!["x-kubernetes-group-version-kind"] is JsonArray gvks
            && gvks.Any(g => (string)g!["group"]! == group && (string)g["version"]! == version && (string)g["kind"]! == kind));

        var schema = Assert.Single(tagged).Value!;
        Assert.Equal("object", (string)schema["type"]!);
        Assert.NotNull(schema["properties"]!["metadata"]);
    }

    [Theory]
    [MemberData(nameof(V3Paths))]
    public void V3_EveryWriteOperation_DeclaresFieldValidationAndFieldManagerAndDryRun(string path)
    {
        var operations = Operations(Document(path)).Where(o => o.Method is "patch" or "put" or "post").ToList();

        var servesWrites = SchemaRegistry.BuiltIn.Resources.Any(r => path.EndsWith($"{r.Resource.Group}/{r.Resource.Version}", StringComparison.Ordinal) && r.Supports("create"));
        Assert.Equal(servesWrites, operations.Any(o => o.Method == "post"));
        foreach (var (pathName, method, operation) in operations)
        {
            var names = operation["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
            Assert.True(names.Contains("fieldValidation"), $"{method} {pathName} lacks fieldValidation");
            Assert.Contains("fieldManager", names);
            Assert.Contains("dryRun", names);
            Assert.NotNull(operation["x-kubernetes-group-version-kind"]);
            if (method == "patch")
            {
                Assert.Contains("force", names);
                var content = operation["requestBody"]!["content"]!.AsObject();
                Assert.True(content.ContainsKey("application/strategic-merge-patch+json"), $"patch {pathName} does not accept strategic merge patches");
                Assert.True(content.ContainsKey("application/apply-patch+yaml"), $"patch {pathName} does not accept apply patches");
            }
        }
    }

    [Theory]
    [MemberData(nameof(V3Paths))]
    public void V3_EveryReference_ResolvesInsideTheDocument(string path)
    {
        var document = Document(path);
        var schemas = document["components"]!["schemas"]!.AsObject();

        foreach (var reference in References(document))
        {
            Assert.StartsWith("#/components/schemas/", reference, StringComparison.Ordinal);
            Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{path}: dangling {reference}");
        }
    }

    [Fact]
    public void V3_DeploymentContainers_CarryThePatchMetadataKubectlUsesForApply()
    {
        var document = Document("apis/apps/v1");
        var schemas = document["components"]!["schemas"]!;

        var podSpec = Resolve(schemas, Resolve(schemas, Resolve(schemas, schemas["io.k8s.api.apps.v1.Deployment"]!["properties"]!["spec"]!)["properties"]!["template"]!)["properties"]!["spec"]!);
        var containers = podSpec["properties"]!["containers"]!;
        Assert.Equal("name", (string)containers["x-kubernetes-patch-merge-key"]!);
        Assert.Equal("merge", (string)containers["x-kubernetes-patch-strategy"]!);
        Assert.Equal("map", (string)containers["x-kubernetes-list-type"]!);
        var ports = Resolve(schemas, containers["items"]!)["properties"]!["ports"]!;
        Assert.Equal("containerPort", (string)ports["x-kubernetes-patch-merge-key"]!);
        Assert.Equal(["containerPort", "protocol"], ports["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string)k!));
        Assert.Equal("merge,retainKeys", (string)podSpec["properties"]!["volumes"]!["x-kubernetes-patch-strategy"]!);
        Assert.Equal("retainKeys", (string)schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["strategy"]!["x-kubernetes-patch-strategy"]!);
    }

    [Fact]
    public void V3_QuantityAndIntOrString_AreOneOfAsKubeApiserverWritesThem()
    {
        var schemas = Document("api/v1")["components"]!["schemas"]!;

        Assert.Equal(["string", "number"], schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]!["oneOf"]!.AsArray().Select(t => (string)t!["type"]!));
        Assert.Equal("int-or-string", (string)schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["format"]!);
    }

    [Fact]
    public void V2_DeploymentPatch_DeclaresFieldValidationAndStrategicMergeConsumes()
    {
        var v2 = JsonNode.Parse(Documents.V2.Json.Span)!;

        var patch = v2["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Contains("application/strategic-merge-patch+json", patch["consumes"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("apps", (string)patch["x-kubernetes-group-version-kind"]!["group"]!);
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.Deployment", (string)patch["responses"]!["200"]!["schema"]!["$ref"]!);
        Assert.NotNull(v2["definitions"]!["io.k8s.api.core.v1.PodSpec"]);
    }

    [Fact]
    public void V2Protobuf_DeploymentPatch_DeclaresFieldValidationAsKubectl127ReadsIt()
    {
        // Document.paths(8) > NamedPathItem(2){name(1), value(2) PathItem{patch(8) Operation{parameters(8)}}}
        var paths = ProtoFields.Read(Documents.V2Protobuf.Json.Span).Single(f => f.Number == 8).Message;
        var deployment = ProtoFields.Read(paths)
            .Where(f => f.Number == 2)
            .Select(f => ProtoFields.Read(f.Message))
            .Single(item => item.Any(f => f.Number == 1 && f.Text == "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"));
        var patch = ProtoFields.Read(deployment.Single(f => f.Number == 2).Message).Single(f => f.Number == 8).Message;
        var queryParameterNames = ProtoFields.Read(patch)
            .Where(f => f.Number == 8)
            .Select(f => ProtoFields.Read(f.Message).Single(p => p.Number == 1).Message)
            .Select(p => ProtoFields.Read(p).SingleOrDefault(x => x.Number == 2)?.Message)
            .OfType<byte[]>()
            .Select(nonBody => ProtoFields.Read(nonBody).Single(x => x.Number == 3).Message)
            .Select(query => ProtoFields.Read(query).Single(x => x.Number == 4).Text)
            .ToList();

        Assert.Contains("fieldValidation", queryParameterNames);
        Assert.Contains("fieldManager", queryParameterNames);
        Assert.Equal("2.0", ProtoFields.Read(Documents.V2Protobuf.Json.Span).Single(f => f.Number == 1).Text);
    }

    [Fact]
    public void Documents_BuiltTwice_AreByteForByteEqual()
    {
        var again = new OpenApiDocuments(SchemaRegistry.BuiltIn);

        Assert.Equal(Documents.V3("apis/apps/v1")!.Hash, again.V3("apis/apps/v1")!.Hash);
        Assert.Equal(Documents.V2.Hash, again.V2.Hash);
    }

    private static JsonNode Document(string path) => JsonNode.Parse(Documents.V3(path)!.Json.Span)!;

    private static JsonNode Resolve(JsonNode schemas, JsonNode property)
    {
        var reference = (string?)property["$ref"] ?? (string)property["allOf"]![0]!["$ref"]!;
        return schemas[reference["#/components/schemas/".Length..]]!;
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key != "parameters")
            .Select(o => (p.Key, o.Key, o.Value!)));

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
